/**
 * The {@code jrec} command-line tool ({@link io.jrec.cli.Jrec}): {@code fit}, {@code evaluate},
 * {@code recommend}, {@code tune}, {@code models} and {@code generate-completion}, built on picocli, the
 * {@link io.jrec.models.select.ModelCatalog} and {@link io.jrec.core.io.ModelIO}. Packaged as the executable
 * {@code cli/target/jrec.jar}; not an API.
 */
package io.jrec.cli;
