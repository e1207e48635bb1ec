/**
 * Model selection: a {@link io.jrec.core.tune.Tuner} searches a {@link io.jrec.core.tune.SearchSpace}
 * (grid, seeded random, or successive halving over epochs; see {@link io.jrec.core.tune.Search}) under a
 * trial or time budget, on validation data carved out of the training matrix only
 * ({@link io.jrec.core.tune.Validation}), optimising any evaluator metric
 * ({@link io.jrec.core.tune.Objective}); iterative models can stop early on the same metric
 * ({@link io.jrec.core.tune.IterativeAlgorithm}, {@link io.jrec.core.tune.EarlyStopping}). The
 * {@link io.jrec.core.tune.TuningResult} holds every trial, the best settings, the model refitted with
 * them, and prints a table, CSV or an HTML page with a chart of the metric against each setting.
 * Nothing here knows a concrete model: the caller maps {@link io.jrec.core.tune.Settings} to an
 * {@link io.jrec.core.Algorithm}.
 */
package io.jrec.core.tune;
