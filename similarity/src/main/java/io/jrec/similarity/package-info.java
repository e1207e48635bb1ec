/**
 * Similarity kernels on sparse vectors ({@link io.jrec.similarity.Similarity}: cosine, adjusted cosine,
 * Pearson, Jaccard, weighted Jaccard, with optional shrinkage and significance weighting) and
 * multi-threaded all-pairs top-k neighbours ({@link io.jrec.similarity.Neighbors} producing a compact
 * {@link io.jrec.similarity.NeighborTable}).
 */
package io.jrec.similarity;
