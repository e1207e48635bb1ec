package io.jrec.benchmarks;

import io.jrec.core.Algorithm;
import io.jrec.core.ProgressListener;
import io.jrec.core.RatingMatrix;
import io.jrec.core.Recommender;
import io.jrec.core.SparseMatrix;
import org.apache.mahout.cf.taste.common.TasteException;
import org.apache.mahout.cf.taste.impl.common.FastByIDMap;
import org.apache.mahout.cf.taste.impl.model.GenericDataModel;
import org.apache.mahout.cf.taste.impl.model.GenericUserPreferenceArray;
import org.apache.mahout.cf.taste.impl.neighborhood.CachingUserNeighborhood;
import org.apache.mahout.cf.taste.impl.neighborhood.NearestNUserNeighborhood;
import org.apache.mahout.cf.taste.impl.recommender.GenericItemBasedRecommender;
import org.apache.mahout.cf.taste.impl.recommender.GenericUserBasedRecommender;
import org.apache.mahout.cf.taste.impl.similarity.CachingUserSimilarity;
import org.apache.mahout.cf.taste.impl.similarity.GenericItemSimilarity;
import org.apache.mahout.cf.taste.impl.similarity.PearsonCorrelationSimilarity;
import org.apache.mahout.cf.taste.impl.similarity.UncenteredCosineSimilarity;
import org.apache.mahout.cf.taste.model.DataModel;
import org.apache.mahout.cf.taste.model.PreferenceArray;
import org.apache.mahout.cf.taste.neighborhood.UserNeighborhood;
import org.apache.mahout.cf.taste.similarity.ItemSimilarity;
import org.apache.mahout.cf.taste.similarity.UserSimilarity;


/**
 * The Apache Mahout Taste 0.13 configurations measured against jrec, built from jrec's own parsed
 * {@link RatingMatrix} so both libraries see exactly the same ratings.
 *
 * <p>Mahout's {@code FileDataModel} is deliberately not used: given {@code u1.base} it also reads
 * every file beside it that shares the name prefix ({@code u1.base.*}, and {@code u1.test} through
 * its "update file" logic), which silently trains on the test set. {@link #dataModel} builds a
 * {@link GenericDataModel} from the CSR arrays instead. Mahout keys users and items by {@code long}
 * ids; those are jrec's external ids, so no further mapping is needed.
 */
public final class Taste {
    /** Neighbourhood size of the user-based configuration (the DESIGN.md protocol). */
    public static final int USER_NEIGHBORS = 50;

    private Taste() {
    }

    /** A Mahout in-memory data model holding exactly the ratings of {@code m} (external ids). */
    public static DataModel dataModel(RatingMatrix m) {
        SparseMatrix rows = m.byUser();
        FastByIDMap<PreferenceArray> prefs = new FastByIDMap<>(m.userCount());
        for (int u = 0; u < m.userCount(); u++) {
            int start = rows.rowStart(u);
            int end = rows.rowEnd(u);
            if (start == end) {
                continue;
            }
            long userId = m.users().idAt(u);
            PreferenceArray array = new GenericUserPreferenceArray(end - start);
            array.setUserID(0, userId);
            for (int k = start; k < end; k++) {
                array.setItemID(k - start, m.items().idAt(rows.column(k)));
                array.setValue(k - start, rows.value(k));
            }
            prefs.put(userId, array);
        }
        return new GenericDataModel(prefs);
    }

    /** Which similarity an item-based Mahout recommender uses. */
    public enum Kernel {
        /** {@code PearsonCorrelationSimilarity} (centred on each item's mean over co-raters). */
        PEARSON,
        /** {@code UncenteredCosineSimilarity} (plain cosine over co-rated users). */
        COSINE
    }

    /** The item-item similarity Mahout computes on the fly for {@code kernel}. */
    public static ItemSimilarity itemSimilarity(DataModel model, Kernel kernel) {
        try {
            return kernel == Kernel.PEARSON
                    ? new PearsonCorrelationSimilarity(model)
                    : new UncenteredCosineSimilarity(model);
        } catch (TasteException e) {
            throw new IllegalStateException("Mahout rejected the data model", e);
        }
    }

    /**
     * All item-item similarities precomputed into a {@link GenericItemSimilarity} (Mahout's
     * "precomputed" mode: every pair with a defined similarity, held in hash maps).
     */
    public static GenericItemSimilarity precomputeItemSimilarities(DataModel model, Kernel kernel) {
        try {
            return new GenericItemSimilarity(itemSimilarity(model, kernel), model);
        } catch (TasteException e) {
            throw new IllegalStateException("Mahout could not precompute item similarities", e);
        }
    }

    /** Item-based, all item similarities precomputed first ({@link #precomputeItemSimilarities}). */
    public static Algorithm itemBased(Kernel kernel) {
        return new TasteAlgorithm("Mahout item-based (" + kernel.name().toLowerCase() + ", precomputed)") {
            @Override
            org.apache.mahout.cf.taste.recommender.Recommender build(DataModel model) {
                return new GenericItemBasedRecommender(model, precomputeItemSimilarities(model, kernel));
            }
        };
    }

    /**
     * User-based, Pearson, nearest {@value #USER_NEIGHBORS} users; user-user similarities cached
     * ({@code CachingUserSimilarity}) and neighbourhoods cached per user, Mahout's own advice for
     * fast in-memory serving (without the similarity cache every estimate recomputes the Pearson
     * correlation of the user with each neighbour, about ten times slower).
     */
    public static Algorithm userBasedPearson() {
        return new TasteAlgorithm("Mahout user-based (pearson, " + USER_NEIGHBORS + " neighbours, cached)") {
            @Override
            org.apache.mahout.cf.taste.recommender.Recommender build(DataModel model) throws TasteException {
                UserSimilarity similarity = new CachingUserSimilarity(new PearsonCorrelationSimilarity(model), model);
                UserNeighborhood neighborhood = new CachingUserNeighborhood(
                        new NearestNUserNeighborhood(USER_NEIGHBORS, similarity, model), model);
                return new GenericUserBasedRecommender(model, neighborhood, similarity);
            }
        };
    }

    /** A Mahout configuration as a jrec {@link Algorithm}: fit builds the data model and recommender. */
    private abstract static class TasteAlgorithm implements Algorithm {
        private final String name;

        TasteAlgorithm(String name) {
            this.name = name;
        }

        abstract org.apache.mahout.cf.taste.recommender.Recommender build(DataModel model) throws TasteException;

        @Override
        public Recommender fit(RatingMatrix train, ProgressListener progress) {
            progress.progress(name, 0, 1, "building Mahout model");
            try {
                Recommender r = new MahoutRecommender(build(dataModel(train)), name);
                progress.progress(name, 1, 1, "done");
                return r;
            } catch (TasteException e) {
                throw new IllegalStateException(name + ": Mahout failed to build", e);
            }
        }

        @Override
        public String name() {
            return name;
        }
    }
}
