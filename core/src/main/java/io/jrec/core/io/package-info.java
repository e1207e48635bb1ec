/**
 * Reading and writing data: ratings and events from delimited text ({@link io.jrec.core.io.Csv} with a
 * {@link io.jrec.core.io.CsvFormat}), the MovieLens 100K files ({@link io.jrec.core.io.MovieLens}), and
 * saved models ({@link io.jrec.core.io.ModelIO}).
 *
 * <p>Malformed data files give a {@link io.jrec.core.io.DataFormatException} naming the file, the line
 * and the offending text; corrupt model files give a {@link io.jrec.core.io.ModelFormatException}.
 */
package io.jrec.core.io;
