package io.jrec.models;

import io.jrec.core.IdIndex;
import io.jrec.core.ItemFeatures;
import io.jrec.core.RatingMatrix;
import io.jrec.core.Recommender;
import io.jrec.core.SparseMatrix;
import io.jrec.core.io.ModelCodec;
import io.jrec.core.io.ModelFormatException;
import io.jrec.core.io.ModelInput;
import io.jrec.core.io.ModelOutput;
import io.jrec.similarity.Similarity;

import java.io.IOException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@link ModelCodec}s of the models in this package, registered in
 * {@code META-INF/services/io.jrec.core.io.ModelCodec} so that {@link io.jrec.core.io.ModelIO} can save
 * and load them. Each codec writes the training matrix (ids, and the items every user has, which
 * top-N excludes) and the fitted arrays, and on reading checks every length and index against the
 * matrix, so a corrupted payload fails with a {@link ModelFormatException} instead of a model that
 * throws later. A loaded model answers {@code topN} and {@code predict} exactly as the saved one.
 *
 * <p>Payload layouts (all after the training matrix, see {@link ModelOutput#writeRatingMatrix}):
 * <ul>
 *   <li>{@code PopularityRecommender}: weighted flag, half-life, popularity per item.</li>
 *   <li>{@code BaselinePredictor}: name, baselines (mu, user biases, item biases), lambdaItem, lambdaUser,
 *       maximum rounds. Files written before the last three were added end after the baselines; their
 *       settings are read back from the name, with the default cap of rounds.</li>
 *   <li>{@code ItemKnnRecommender}, {@code UserKnnRecommender}: settings, top lists, model lists,
 *       optional baselines, optional means.</li>
 *   <li>{@code MatrixFactorizationRecommender}: name, factors, mean, min and max rating, epochs,
 *       regularisation, user and item biases and factors.</li>
 *   <li>{@code ImplicitAlsRecommender}: name, factors, user and item factors.</li>
 *   <li>{@code EaseRecommender}: name, binary flag, the items x items weights.</li>
 *   <li>{@code ContentBasedRecommender}: training items, the item features (items, names, values), the
 *       normalised item x feature matrix, the resolved weighting.</li>
 *   <li>{@code NeuralCollaborativeFiltering}: GMF factors, MLP embedding size, the user and item GMF
 *       embeddings, user MLP embeddings, the first layer's user weights and per-item activations, layer
 *       widths, weights and biases, output weights and bias, training history.</li>
 *   <li>{@code HybridRecommender}: label, weights, the marker -2, the distinct models of the blend and
 *       the fallback chain (each a nested model with its type, written once even when it is both blended
 *       and in the chain), the members and the chain (with names) as indices into them, switching
 *       threshold, candidates per model, normalisation. Files of the earlier layout (the member count,
 *       which is never negative, in place of the marker, then every member and chain model written in
 *       place) still load, as separate instances.</li>
 * </ul>
 * Stateless and thread-safe.
 */
public final class Codecs {
    private Codecs() {
    }

    /** Saves and loads {@link PopularityRecommender}. */
    public static final class Popularity implements ModelCodec<PopularityRecommender> {
        @Override
        public String type() {
            return "PopularityRecommender";
        }

        @Override
        public Class<PopularityRecommender> modelClass() {
            return PopularityRecommender.class;
        }

        @Override
        public void write(PopularityRecommender model, ModelOutput out) throws IOException {
            out.writeRatingMatrix(model.trainingData());
            out.writeBoolean(model.config.weighted);
            out.writeDouble(model.config.halfLife);
            out.writeFloats(model.popularity);
        }

        @Override
        public PopularityRecommender read(ModelInput in) throws IOException {
            RatingMatrix train = in.readRatingMatrix();
            boolean weighted = in.readBoolean();
            double halfLife = in.readDouble();
            float[] popularity = in.readFloats();
            in.check(halfLife > 0, "half-life " + halfLife);
            in.check(popularity.length == train.itemCount(), "popularity has " + popularity.length
                    + " entries for " + train.itemCount() + " items");
            return new PopularityRecommender(train, new PopularityRecommender.Config(weighted, halfLife), popularity);
        }
    }

    /** Saves and loads {@link BaselinePredictor}. */
    public static final class Baseline implements ModelCodec<BaselinePredictor> {
        @Override
        public String type() {
            return "BaselinePredictor";
        }

        @Override
        public Class<BaselinePredictor> modelClass() {
            return BaselinePredictor.class;
        }

        @Override
        public void write(BaselinePredictor model, ModelOutput out) throws IOException {
            out.writeRatingMatrix(model.trainingData());
            out.writeString(model.name());
            writeBaselines(model.baselines, out);
            out.writeDouble(model.config.lambdaItem);
            out.writeDouble(model.config.lambdaUser);
            out.writeInt(model.config.iterations);
        }

        @Override
        public BaselinePredictor read(ModelInput in) throws IOException {
            RatingMatrix train = in.readRatingMatrix();
            String name = in.readString();
            Baselines baselines = readBaselines(in, train);
            in.check(baselines != null, "a baseline predictor without baselines");
            BaselinePredictor.Config config;
            try {
                config = in.remaining() == 0 ? legacyConfig(in, name)
                        : BaselinePredictor.builder().lambdaItem(in.readDouble()).lambdaUser(in.readDouble())
                        .iterations(in.readInt()).build();
            } catch (IllegalArgumentException e) {
                throw new ModelFormatException("corrupted model: " + e.getMessage(), e);
            }
            return new BaselinePredictor(train, config, baselines);
        }

        /** The settings of a file written before they were stored, from its name (written by {@code Config.name()}). */
        private static BaselinePredictor.Config legacyConfig(ModelInput in, String name) throws ModelFormatException {
            java.util.regex.Matcher m = java.util.regex.Pattern
                    .compile("Baseline\\(lambdaItem=([^,]+), lambdaUser=([^,]+), iterations=\\d+\\)").matcher(name);
            in.check(m.matches(), "baseline settings missing and name '" + name + "' does not state them");
            return BaselinePredictor.builder().lambdaItem(Double.parseDouble(m.group(1)))
                    .lambdaUser(Double.parseDouble(m.group(2))).build();
        }
    }

    /** Saves and loads {@link ItemKnnRecommender}. */
    public static final class ItemKnn implements ModelCodec<ItemKnnRecommender> {
        @Override
        public String type() {
            return "ItemKnnRecommender";
        }

        @Override
        public Class<ItemKnnRecommender> modelClass() {
            return ItemKnnRecommender.class;
        }

        @Override
        public void write(ItemKnnRecommender model, ModelOutput out) throws IOException {
            out.writeRatingMatrix(model.trainingData());
            writeSettings(model.settings, out);
            writeLists(model.top, out);
            writeLists(model.model, out);
            writeBaselines(model.baselines, out);
            writeOptional(model.itemMeans, out);
        }

        @Override
        public ItemKnnRecommender read(ModelInput in) throws IOException {
            RatingMatrix train = in.readRatingMatrix();
            KnnSettings settings = readSettings(in);
            int items = train.itemCount();
            NeighborLists top = readLists(in, items, items);
            NeighborLists model = readLists(in, items, items);
            Baselines baselines = readBaselines(in, train);
            double[] means = readOptional(in, items);
            checkCentring(in, settings, baselines, means, train);
            return new ItemKnnRecommender(train, settings, top, model, baselines, means);
        }
    }

    /** Saves and loads {@link UserKnnRecommender}. */
    public static final class UserKnn implements ModelCodec<UserKnnRecommender> {
        @Override
        public String type() {
            return "UserKnnRecommender";
        }

        @Override
        public Class<UserKnnRecommender> modelClass() {
            return UserKnnRecommender.class;
        }

        @Override
        public void write(UserKnnRecommender model, ModelOutput out) throws IOException {
            out.writeRatingMatrix(model.trainingData());
            writeSettings(model.settings, out);
            writeLists(model.top, out);
            writeLists(model.model, out);
            writeBaselines(model.baselines, out);
            writeOptional(model.userMeans, out);
        }

        @Override
        public UserKnnRecommender read(ModelInput in) throws IOException {
            RatingMatrix train = in.readRatingMatrix();
            KnnSettings settings = readSettings(in);
            int users = train.userCount();
            NeighborLists top = readLists(in, users, users);
            NeighborLists model = readLists(in, users, users);
            Baselines baselines = readBaselines(in, train);
            double[] means = readOptional(in, users);
            checkCentring(in, settings, baselines, means, train);
            return new UserKnnRecommender(train, settings, top, model, baselines, means);
        }
    }

    /** Saves and loads {@link MatrixFactorizationRecommender} (biased MF and SVD++). */
    public static final class MatrixFactorization implements ModelCodec<MatrixFactorizationRecommender> {
        @Override
        public String type() {
            return "MatrixFactorizationRecommender";
        }

        @Override
        public Class<MatrixFactorizationRecommender> modelClass() {
            return MatrixFactorizationRecommender.class;
        }

        @Override
        public void write(MatrixFactorizationRecommender m, ModelOutput out) throws IOException {
            out.writeRatingMatrix(m.trainingData());
            out.writeString(m.name());
            out.writeInt(m.factors);
            out.writeFloat(m.mean);
            out.writeFloat(m.minRating);
            out.writeFloat(m.maxRating);
            out.writeInt(m.epochsTrained);
            out.writeFloat(m.biasRegularization);
            out.writeFloat(m.factorRegularization);
            out.writeFloats(m.userBias);
            out.writeFloats(m.itemBias);
            out.writeFloats(m.userFactors);
            out.writeFloats(m.itemFactors);
        }

        @Override
        public MatrixFactorizationRecommender read(ModelInput in) throws IOException {
            RatingMatrix train = in.readRatingMatrix();
            String name = in.readString();
            int factors = in.readInt();
            float mean = in.readFloat();
            float minRating = in.readFloat();
            float maxRating = in.readFloat();
            int epochs = in.readInt();
            float biasRegularization = in.readFloat();
            float factorRegularization = in.readFloat();
            float[] userBias = in.readFloats();
            float[] itemBias = in.readFloats();
            float[] userFactors = in.readFloats();
            float[] itemFactors = in.readFloats();
            in.check(factors >= 1 && epochs >= 0, "factors " + factors + ", epochs " + epochs);
            in.check(userBias.length == train.userCount() && itemBias.length == train.itemCount(),
                    "bias lengths " + userBias.length + ", " + itemBias.length + " for " + train);
            checkFactors(in, userFactors, train.userCount(), factors, "user");
            checkFactors(in, itemFactors, train.itemCount(), factors, "item");
            return new MatrixFactorizationRecommender(train, name, factors, mean, minRating, maxRating, userBias,
                    itemBias, userFactors, itemFactors, epochs, biasRegularization, factorRegularization);
        }
    }

    /** Saves and loads {@link ImplicitAlsRecommender}. */
    public static final class ImplicitAls implements ModelCodec<ImplicitAlsRecommender> {
        @Override
        public String type() {
            return "ImplicitAlsRecommender";
        }

        @Override
        public Class<ImplicitAlsRecommender> modelClass() {
            return ImplicitAlsRecommender.class;
        }

        @Override
        public void write(ImplicitAlsRecommender m, ModelOutput out) throws IOException {
            out.writeRatingMatrix(m.trainingData());
            out.writeString(m.name());
            out.writeInt(m.factors);
            out.writeFloats(m.userFactors);
            out.writeFloats(m.itemFactors);
        }

        @Override
        public ImplicitAlsRecommender read(ModelInput in) throws IOException {
            RatingMatrix train = in.readRatingMatrix();
            String name = in.readString();
            int factors = in.readInt();
            float[] userFactors = in.readFloats();
            float[] itemFactors = in.readFloats();
            in.check(factors >= 1, "factors " + factors);
            checkFactors(in, userFactors, train.userCount(), factors, "user");
            checkFactors(in, itemFactors, train.itemCount(), factors, "item");
            return new ImplicitAlsRecommender(train, name, factors, userFactors, itemFactors);
        }
    }

    /** Saves and loads {@link EaseRecommender}. */
    public static final class Ease implements ModelCodec<EaseRecommender> {
        @Override
        public String type() {
            return "EaseRecommender";
        }

        @Override
        public Class<EaseRecommender> modelClass() {
            return EaseRecommender.class;
        }

        @Override
        public void write(EaseRecommender m, ModelOutput out) throws IOException {
            out.writeRatingMatrix(m.trainingData());
            out.writeString(m.name());
            out.writeBoolean(m.binary);
            out.writeFloats(m.weights);
        }

        @Override
        public EaseRecommender read(ModelInput in) throws IOException {
            RatingMatrix train = in.readRatingMatrix();
            String name = in.readString();
            boolean binary = in.readBoolean();
            float[] weights = in.readFloats();
            long n = train.itemCount();
            in.check(weights.length == n * n, weights.length + " weights for " + n + " items");
            return new EaseRecommender(train, name, binary, weights);
        }
    }

    /**
     * Saves and loads {@link HybridRecommender}: its members and fallback chain are written recursively
     * through their own codecs ({@link ModelOutput#writeModel}), so a hybrid can be saved when every
     * member can (a member used in both the blend and the chain is written twice).
     */
    public static final class Hybrid implements ModelCodec<HybridRecommender> {
        /** Opens the current payload where the earlier layout had the (non-negative) member count. */
        static final int SHARED_MEMBERS_LAYOUT = -2;

        private static int readIndex(ModelInput in, int distinct) throws ModelFormatException {
            int k = in.readInt();
            in.check(k >= 0 && k < distinct, "model index " + k + " not in 0.." + (distinct - 1));
            return k;
        }

        @Override
        public String type() {
            return "HybridRecommender";
        }

        @Override
        public Class<HybridRecommender> modelClass() {
            return HybridRecommender.class;
        }

        @Override
        public void write(HybridRecommender h, ModelOutput out) throws IOException {
            out.writeRatingMatrix(h.train);
            out.writeString(h.label);
            out.writeDoubles(h.weights);
            // each distinct model once (a model both blended and in the chain is one instance), then
            // the members and the chain as indices into that list
            List<Recommender> distinct = new ArrayList<>();
            Map<Recommender, Integer> index = new IdentityHashMap<>();
            for (Recommender model : h.members) {
                index.computeIfAbsent(model, m -> add(distinct, m));
            }
            for (Recommender model : h.chain) {
                index.computeIfAbsent(model, m -> add(distinct, m));
            }
            out.writeInt(SHARED_MEMBERS_LAYOUT);
            out.writeInt(distinct.size());
            for (Recommender model : distinct) {
                out.writeModel(model);
            }
            out.writeInt(h.members.length);
            for (Recommender member : h.members) {
                out.writeInt(index.get(member));
            }
            out.writeInt(h.chain.length);
            for (int k = 0; k < h.chain.length; k++) {
                out.writeInt(index.get(h.chain[k]));
                out.writeString(h.chainNames[k]);
            }
            out.writeInt(h.minInteractions);
            out.writeInt(h.candidatesPerModel);
            out.writeInt(h.normalization.ordinal());
        }

        private static int add(List<Recommender> list, Recommender model) {
            list.add(model);
            return list.size() - 1;
        }

        @Override
        public HybridRecommender read(ModelInput in) throws IOException {
            RatingMatrix train = in.readRatingMatrix();
            String label = in.readString();
            double[] weights = in.readDoubles();
            int first = in.readInt();
            Recommender[] members;
            Recommender[] chain;
            String[] names;
            if (first == SHARED_MEMBERS_LAYOUT) {
                int distinctCount = in.readInt();
                in.check(distinctCount >= 0 && distinctCount <= in.remaining(), distinctCount + " distinct models");
                Recommender[] distinct = new Recommender[distinctCount];
                for (int k = 0; k < distinctCount; k++) {
                    distinct[k] = in.readModel();
                }
                int memberCount = in.readInt();
                in.check(memberCount == weights.length, memberCount + " members for " + weights.length + " weights");
                members = new Recommender[memberCount];
                for (int k = 0; k < memberCount; k++) {
                    members[k] = distinct[readIndex(in, distinctCount)];
                }
                int chainLength = in.readInt();
                in.check(chainLength >= 0 && chainLength <= in.remaining(), "fallback chain length " + chainLength);
                chain = new Recommender[chainLength];
                names = new String[chainLength];
                for (int k = 0; k < chainLength; k++) {
                    chain[k] = distinct[readIndex(in, distinctCount)];
                    names[k] = in.readString();
                }
            } else {                                  // the earlier layout: every model written in place
                int memberCount = first;
                in.check(memberCount == weights.length, memberCount + " members for " + weights.length + " weights");
                members = new Recommender[memberCount];
                for (int k = 0; k < memberCount; k++) {
                    members[k] = in.readModel();
                }
                int chainLength = in.readInt();
                in.check(chainLength >= 0 && chainLength <= in.remaining(), "fallback chain length " + chainLength);
                chain = new Recommender[chainLength];
                names = new String[chainLength];
                for (int k = 0; k < chainLength; k++) {
                    chain[k] = in.readModel();
                    names[k] = in.readString();
                }
            }
            HybridRecommender.Settings settings = new HybridRecommender.Settings();
            settings.minInteractions = in.readInt();
            settings.candidatesPerModel = in.readInt();
            int normalization = in.readInt();
            in.check(normalization >= 0 && normalization < HybridRecommender.Normalization.values().length,
                    "normalization " + normalization);
            in.check(settings.minInteractions >= 0 && settings.candidatesPerModel >= 1, "minInteractions "
                    + settings.minInteractions + ", candidatesPerModel " + settings.candidatesPerModel);
            in.check(label.startsWith("Hybrid"), "label '" + label + "'");
            settings.normalization = HybridRecommender.Normalization.values()[normalization];
            return new HybridRecommender(train, members, weights, label, chain, names, settings);
        }
    }

    /**
     * Saves and loads {@link ContentBasedRecommender}: the widened training matrix, the item features
     * with their names, the normalised item x feature matrix and the resolved weighting; the inverted
     * index and item popularity are recomputed from them on load, exactly as at fit time.
     */
    public static final class ContentBased implements ModelCodec<ContentBasedRecommender> {
        @Override
        public String type() {
            return "ContentBasedRecommender";
        }

        @Override
        public Class<ContentBasedRecommender> modelClass() {
            return ContentBasedRecommender.class;
        }

        @Override
        public void write(ContentBasedRecommender m, ModelOutput out) throws IOException {
            out.writeRatingMatrix(m.trainingData());
            out.writeInt(m.trainItems);
            ItemFeatures f = m.features;
            out.writeIdIndex(f.items());
            out.writeInt(f.featureCount());
            for (int k = 0; k < f.featureCount(); k++) {
                out.writeString(f.featureName(k));
            }
            out.writeSparseMatrix(f.byItem());
            out.writeSparseMatrix(m.itemFeatures);
            out.writeInt(m.weighting.ordinal());
        }

        @Override
        public ContentBasedRecommender read(ModelInput in) throws IOException {
            RatingMatrix widened = in.readRatingMatrix();
            int trainItems = in.readInt();
            in.check(trainItems >= 0 && trainItems <= widened.itemCount(), trainItems + " training items of "
                    + widened.itemCount());
            IdIndex featureItems = in.readIdIndex();
            int featureCount = in.readLength(4);   // every name has at least its 4-byte length
            String[] names = new String[featureCount];
            for (int k = 0; k < featureCount; k++) {
                names[k] = in.readString();
            }
            SparseMatrix raw = in.readSparseMatrix();
            ItemFeatures features;
            try {
                features = ItemFeatures.of(featureItems, names, raw);
            } catch (IllegalArgumentException e) {
                throw new ModelFormatException("corrupted model: " + e.getMessage(), e);
            }
            SparseMatrix normalised = in.readSparseMatrix();
            in.check(normalised.rowCount() == widened.itemCount() && normalised.columnCount() == featureCount,
                    "normalised features are " + normalised.rowCount() + " x " + normalised.columnCount() + ", expected "
                            + widened.itemCount() + " items x " + featureCount + " features");
            int weighting = in.readInt();
            in.check(weighting == ContentBasedRecommender.Weighting.CENTERED.ordinal()
                    || weighting == ContentBasedRecommender.Weighting.RAW.ordinal(), "weighting " + weighting);
            return new ContentBasedRecommender(widened, trainItems, features, normalised,
                    ContentBasedRecommender.Weighting.values()[weighting]);
        }
    }

    /**
     * Saves and loads {@link NeuralCollaborativeFiltering}: the query-time parameters exactly as the model
     * holds them (the first MLP layer already split into its user part and the item part pre-multiplied
     * with the item embeddings), so predictions after loading are bit-identical.
     */
    public static final class NeuMf implements ModelCodec<NeuralCollaborativeFiltering> {
        @Override
        public String type() {
            return "NeuralCollaborativeFiltering";
        }

        @Override
        public Class<NeuralCollaborativeFiltering> modelClass() {
            return NeuralCollaborativeFiltering.class;
        }

        @Override
        public void write(NeuralCollaborativeFiltering m, ModelOutput out) throws IOException {
            out.writeRatingMatrix(m.trainingData());
            out.writeInt(m.factors);
            out.writeInt(m.embedding);
            out.writeDoubles(m.userGmf);
            out.writeDoubles(m.itemGmf);
            out.writeDoubles(m.userMlp);
            out.writeDoubles(m.firstUser);
            out.writeDoubles(m.firstItem);
            out.writeInts(m.widths);
            for (int l = 0; l < m.widths.length; l++) {
                out.writeDoubles(m.weights[l]);
                out.writeDoubles(m.biases[l]);
            }
            out.writeDoubles(m.outWeights);
            out.writeDouble(m.outBias);
            int epochs = m.history.size();
            int[] epoch = new int[epochs];
            double[] loss = new double[epochs];
            double[] hitRate = new double[epochs];
            long[] millis = new long[epochs];
            for (int k = 0; k < epochs; k++) {
                NeuralCollaborativeFiltering.Epoch e = m.history.get(k);
                epoch[k] = e.epoch();
                loss[k] = e.loss();
                hitRate[k] = e.validationHitRate();
                millis[k] = e.millis();
            }
            out.writeInts(epoch);
            out.writeDoubles(loss);
            out.writeDoubles(hitRate);
            out.writeLongs(millis);
        }

        @Override
        public NeuralCollaborativeFiltering read(ModelInput in) throws IOException {
            RatingMatrix train = in.readRatingMatrix();
            int factors = in.readInt();
            int embedding = in.readInt();
            in.check(factors >= 1 && embedding >= 1, "factors " + factors + ", embedding " + embedding);
            long users = train.userCount();
            long items = train.itemCount();
            double[] userGmf = in.readDoubles();
            double[] itemGmf = in.readDoubles();
            double[] userMlp = in.readDoubles();
            double[] firstUser = in.readDoubles();
            double[] firstItem = in.readDoubles();
            int[] widths = in.readInts();
            in.check(widths.length >= 1, "no MLP layers");
            for (int w : widths) {
                in.check(w >= 1, "MLP layer width " + w);
            }
            long h1 = widths[0];
            checkLength(in, userGmf, users * factors, "user GMF embeddings");
            checkLength(in, itemGmf, items * factors, "item GMF embeddings");
            checkLength(in, userMlp, users * embedding, "user MLP embeddings");
            checkLength(in, firstUser, h1 * embedding, "first-layer user weights");
            checkLength(in, firstItem, items * h1, "first-layer item activations");
            double[][] weights = new double[widths.length][];
            double[][] biases = new double[widths.length][];
            for (int l = 0; l < widths.length; l++) {
                weights[l] = in.readDoubles();
                biases[l] = in.readDoubles();
                long inputs = l == 0 ? 2L * embedding : widths[l - 1];
                checkLength(in, weights[l], widths[l] * inputs, "layer " + l + " weights");
                checkLength(in, biases[l], widths[l], "layer " + l + " biases");
            }
            double[] outWeights = in.readDoubles();
            checkLength(in, outWeights, (long) factors + widths[widths.length - 1], "output weights");
            double outBias = in.readDouble();
            int[] epoch = in.readInts();
            double[] loss = in.readDoubles();
            double[] hitRate = in.readDoubles();
            long[] millis = in.readLongs();
            in.check(loss.length == epoch.length && hitRate.length == epoch.length && millis.length == epoch.length,
                    "training history lengths " + epoch.length + ", " + loss.length + ", " + hitRate.length + ", "
                            + millis.length);
            List<NeuralCollaborativeFiltering.Epoch> history = new ArrayList<>(epoch.length);
            for (int k = 0; k < epoch.length; k++) {
                history.add(new NeuralCollaborativeFiltering.Epoch(epoch[k], loss[k], hitRate[k], millis[k]));
            }
            return new NeuralCollaborativeFiltering(train, factors, embedding, userGmf, itemGmf, userMlp, firstUser,
                    firstItem, widths, weights, biases, outWeights, outBias, history);
        }

        private static void checkLength(ModelInput in, double[] a, long expected, String what)
                throws ModelFormatException {
            in.check(a.length == expected, what + ": " + a.length + " values, expected " + expected);
        }
    }

    // ------------------------------------------------------------------ shared parts

    private static void checkFactors(ModelInput in, float[] f, int rows, int factors, String what)
            throws ModelFormatException {
        in.check((long) rows * factors == f.length, what + " factors hold " + f.length + " floats for " + rows
                + " rows x " + factors + " factors");
    }

    /** The measures a KNN model can be saved with: their settings are not bound to training data. */
    private static Similarity[] saveableMeasures() {
        return new Similarity[]{Similarity.cosine(), Similarity.pearson(), Similarity.jaccard(),
                Similarity.weightedJaccard()};
    }

    /** The measure (before shrinkage) whose name, after {@code shrinkage}, is {@code name}; or null. */
    private static Similarity measureNamed(String name, double shrinkage) {
        for (Similarity s : saveableMeasures()) {
            Similarity shrunk = shrinkage > 0 ? s.withShrinkage(shrinkage) : s;
            if (shrunk.name().equals(name)) {
                return s;
            }
        }
        return null;
    }

    static void writeSettings(KnnSettings s, ModelOutput out) throws IOException {
        if (measureNamed(s.similarity.name(), s.shrinkage) == null) {
            throw new IllegalArgumentException("cannot save a KNN model with similarity '" + s.similarity.name()
                    + "': only cosine, Pearson, Jaccard and weighted Jaccard (with shrinkage) can be saved; "
                    + "adjusted cosine and significance weighting depend on the training data");
        }
        out.writeString(s.similarity.name());
        out.writeInt(s.neighbors);
        out.writeInt(s.modelSize);
        out.writeDouble(s.minSimilarity);
        out.writeDouble(s.shrinkage);
        out.writeInt(s.centering.ordinal());
        out.writeBoolean(s.implicit);
        out.writeInt(s.threads);
        out.writeDouble(s.lambdaItem);
        out.writeDouble(s.lambdaUser);
    }

    static KnnSettings readSettings(ModelInput in) throws IOException {
        String similarity = in.readString();
        int neighbors = in.readInt();
        int modelSize = in.readInt();
        double minSimilarity = in.readDouble();
        double shrinkage = in.readDouble();
        int centering = in.readInt();
        boolean implicit = in.readBoolean();
        int threads = in.readInt();
        double lambdaItem = in.readDouble();
        double lambdaUser = in.readDouble();
        in.check(centering >= 0 && centering < Centering.values().length, "centering " + centering);
        in.check(shrinkage >= 0 && Double.isFinite(shrinkage), "shrinkage " + shrinkage);
        Similarity measure = measureNamed(similarity, shrinkage);
        in.check(measure != null, "unknown similarity '" + similarity + "'");
        try {
            return new KnnSettings(measure, neighbors, modelSize, minSimilarity, shrinkage,
                    Centering.values()[centering], implicit, threads, lambdaItem, lambdaUser);
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException("corrupted model: " + e.getMessage(), e);
        }
    }

    static void writeLists(NeighborLists lists, ModelOutput out) throws IOException {
        out.writeInts(lists.start);
        out.writeInts(lists.neighbor);
        out.writeFloats(lists.similarity);
    }

    /** Lists over {@code rows} rows whose neighbours are in {@code 0..columns-1}, start ascending. */
    static NeighborLists readLists(ModelInput in, int rows, int columns) throws IOException {
        int[] start = in.readInts();
        int[] neighbor = in.readInts();
        float[] similarity = in.readFloats();
        in.check(start.length == rows + 1 && start[0] == 0 && start[rows] == neighbor.length
                && neighbor.length == similarity.length, "neighbour lists do not fit " + rows + " rows");
        for (int r = 0; r < rows; r++) {
            in.check(start[r] <= start[r + 1], "neighbour list " + r + " ends before it starts");
        }
        for (int n : neighbor) {
            in.check(n >= 0 && n < columns, "neighbour " + n + " out of range 0.." + (columns - 1));
        }
        return new NeighborLists(start, neighbor, similarity);
    }

    static void writeBaselines(Baselines b, ModelOutput out) throws IOException {
        out.writeBoolean(b != null);
        if (b != null) {
            out.writeDouble(b.mu);
            out.writeDoubles(b.userBias);
            out.writeDoubles(b.itemBias);
        }
    }

    static Baselines readBaselines(ModelInput in, RatingMatrix train) throws IOException {
        if (!in.readBoolean()) {
            return null;
        }
        double mu = in.readDouble();
        double[] userBias = in.readDoubles();
        double[] itemBias = in.readDoubles();
        in.check(userBias.length == train.userCount() && itemBias.length == train.itemCount(),
                "baselines for " + userBias.length + " users and " + itemBias.length + " items, expected " + train);
        return new Baselines(mu, userBias, itemBias);
    }

    static void writeOptional(double[] a, ModelOutput out) throws IOException {
        out.writeBoolean(a != null);
        if (a != null) {
            out.writeDoubles(a);
        }
    }

    static double[] readOptional(ModelInput in, int length) throws IOException {
        if (!in.readBoolean()) {
            return null;
        }
        double[] a = in.readDoubles();
        in.check(a.length == length, a.length + " means, expected " + length);
        return a;
    }

    /** The centring data a KNN model's queries read is present exactly when its centring needs it. */
    private static void checkCentring(ModelInput in, KnnSettings s, Baselines baselines, double[] means,
                                      RatingMatrix train) throws ModelFormatException {
        boolean needsBaselines = s.centering == Centering.BASELINE && !train.isEmpty();
        in.check(needsBaselines == (baselines != null), "baselines do not match centring " + s.centering);
        in.check((s.centering == Centering.MEAN) == (means != null), "means do not match centring " + s.centering);
    }
}
