/**
 * Offline evaluation: {@link io.jrec.core.eval.Splits} make reproducible train/test
 * {@link io.jrec.core.eval.Split}s, {@link io.jrec.core.eval.Metrics} define accuracy and ranking
 * figures, and the {@link io.jrec.core.eval.Evaluator} runs algorithms over splits into an
 * {@link io.jrec.core.eval.EvaluationReport} (console table, CSV, HTML with charts, paired t-tests).
 * Every report states its protocol: candidates, relevance threshold and how users and pairs were
 * counted.
 */
package io.jrec.core.eval;
