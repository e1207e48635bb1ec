/**
 * Personalised product search and item embeddings.
 *
 * <ul>
 *   <li>{@link io.jrec.search.CatalogIndex}: an in-memory Lucene index of {@link io.jrec.search.CatalogItem}s
 *       (BM25 over weighted {@link io.jrec.search.SearchField}s; English or Chinese
 *       {@link io.jrec.search.TextLanguage}) that also understands queries
 *       ({@link io.jrec.search.ParsedQuery}: brands, categories, prices, corrected spellings).</li>
 *   <li>{@link io.jrec.search.ProductSearch}: relevance blended with popularity and any fitted
 *       {@link io.jrec.core.Recommender}'s scores for the customer, optionally widened by dense vectors;
 *       {@link io.jrec.search.SearchEvaluation} measures it on logged searches and tunes the blend.</li>
 *   <li>{@link io.jrec.search.Item2Vec}: skip-gram with negative sampling over
 *       {@link io.jrec.search.ItemSequences}, giving {@link io.jrec.search.ItemEmbeddings}.</li>
 * </ul>
 * Lucene is used only inside this package. Every public type is immutable and thread-safe unless its
 * documentation says otherwise (builders are not).
 */
package io.jrec.search;
