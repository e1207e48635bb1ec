/**
 * Model selection over jrec's families: {@link io.jrec.models.select.ModelCatalog} (every family by its
 * command-line name, with settings, defaults, a {@code key=value} factory and a default search space) and
 * {@link io.jrec.models.select.ModelSelection} (tune one family, or {@code auto}: every family for the
 * goal, then blends of the best, judged on validation data carved out of the training matrix; the
 * {@link io.jrec.models.select.Selection} says what was tried and why the winner won). The searches
 * themselves are {@code io.jrec.core.tune}'s.
 */
package io.jrec.models.select;
