package io.jrec.core;

import it.unimi.dsi.fastutil.ints.Int2DoubleMap;
import it.unimi.dsi.fastutil.ints.Int2DoubleOpenHashMap;
import it.unimi.dsi.fastutil.ints.IntIterator;
import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;
import it.unimi.dsi.fastutil.longs.LongOpenHashSet;
import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * An immutable sparse item x feature matrix with named features, built from catalogue attributes:
 * categorical (one-hot), numeric (min-max scaled) and free text (TF-IDF weighted tokens).
 *
 * <pre>{@code
 * ItemFeatures f = ItemFeatures.builder()
 *         .categorical(1001L, "category", "shoes")     // feature "category=shoes", weight 1
 *         .numeric(1001L, "price", 59.90)              // feature "price", scaled to [0, 1]
 *         .text(1001L, "title", "Trail running shoe")  // features "title:trail", "title:running", "title:shoe"
 *         .build();
 * SparseVector v = f.featuresOf(1001L);
 * }</pre>
 *
 * <p>Feature weights ({@link #byItem()}):
 * <ul>
 *   <li>categorical {@code attribute=value}: 1. An item may have several values of one attribute
 *       (multi-hot, e.g. movie genres).</li>
 *   <li>numeric {@code attribute}: {@code (x - min) / (max - min)} over the items that have the
 *       attribute, so in [0, 1]; an attribute whose values are all equal scales to 0 (as scikit-learn's
 *       {@code MinMaxScaler}).</li>
 *   <li>text {@code attribute:token}: {@code tf * (ln((1 + N) / (1 + df)) + 1)} where {@code tf} is how
 *       often the token occurs in the item's text of that attribute, {@code N} the number of items with
 *       a text for that attribute and {@code df} how many of them contain the token (scikit-learn's
 *       smoothed IDF, no normalisation). Tokens are the maximal runs of letters and digits, lower-cased
 *       ({@link Locale#ROOT}), without one-character tokens and without a small English stop list
 *       ({@link #STOP_WORDS}).</li>
 * </ul>
 * Weights of exactly 0 (the minimum of a numeric attribute) are not stored: absent means 0.
 *
 * <p><b>Dense vectors</b> (optional): one vector per item, and per user where given, all of one
 * dimension, e.g. embeddings a language or vision model computed from product descriptions and images
 * elsewhere ({@link io.jrec.core.io.VectorFiles} reads them from text or {@code .npy} files):
 * <pre>{@code
 * ItemFeatures f = ItemFeatures.builder()
 *         .categorical(1001L, "category", "shoes")
 *         .vector(1001L, new float[] {0.12f, -0.40f, 0.88f})
 *         .userVector(42L, new float[] {0.10f, -0.20f, 0.90f})
 *         .normalizeVectors(true)                     // unit length, so dot product = cosine
 *         .build();
 * f.vectors().cosine(1001L, 1002L);
 * }</pre>
 * An item that has only a vector is one of {@link #items()} with an empty sparse row. The builder
 * rejects vectors of another dimension than the first one and non-finite values, naming the id.
 *
 * <p>Features are indexed in ascending order of their names; items in ascending id order. Thread-safe:
 * instances never change.
 *
 * @since 0.1.0
 */
public final class ItemFeatures {
    /** The words {@link Builder#text} drops. */
    public static final Set<String> STOP_WORDS = Set.of(
            "an", "and", "are", "as", "at", "be", "but", "by", "for", "from", "has", "have", "in", "into",
            "is", "it", "its", "not", "of", "on", "or", "that", "the", "their", "this", "to", "was", "were",
            "will", "with");

    private final IdIndex items;
    private final String[] names;
    private final Object2IntOpenHashMap<String> indexOfName;
    private final SparseMatrix byItem;
    private final DenseVectors vectors;       // per item, or null
    private final DenseVectors userVectors;   // per user, or null

    private ItemFeatures(IdIndex items, String[] names, SparseMatrix byItem) {
        this(items, names, byItem, null, null);
    }

    private ItemFeatures(IdIndex items, String[] names, SparseMatrix byItem, DenseVectors vectors,
                         DenseVectors userVectors) {
        this.vectors = vectors;
        this.userVectors = userVectors;
        this.items = items;
        this.names = names;
        this.byItem = byItem;
        this.indexOfName = new Object2IntOpenHashMap<>(names.length);
        indexOfName.defaultReturnValue(-1);
        for (int f = 0; f < names.length; f++) {
            indexOfName.put(names[f], f);
        }
    }

    /**
     * Item features from their parts, as {@link #items()}, the feature names in index order and
     * {@link #byItem()} return them (e.g. when loading a saved model).
     *
     * @throws IllegalArgumentException if the matrix does not have one row per item and one column per
     *                                  name, or a name is null or repeated
     */
    public static ItemFeatures of(IdIndex items, String[] names, SparseMatrix byItem) {
        if (byItem.rowCount() != items.size() || byItem.columnCount() != names.length) {
            throw new IllegalArgumentException("feature matrix is " + byItem.rowCount() + " x " + byItem.columnCount()
                    + ", expected " + items.size() + " items x " + names.length + " feature names");
        }
        ItemFeatures f = new ItemFeatures(items, names.clone(), byItem);
        for (int k = 0; k < names.length; k++) {
            if (names[k] == null || f.indexOfName.getInt(names[k]) != k) {
                throw new IllegalArgumentException("feature name " + k + " is null or repeated: " + names[k]);
            }
        }
        return f;
    }

    /**
     * These features with the given dense vectors instead of the current ones (e.g. when loading a saved
     * model); either may be null.
     *
     * @throws IllegalArgumentException if an item vector belongs to an item not in {@link #items()}, or
     *                                  the item and user vectors have different dimensions
     */
    public ItemFeatures withVectors(DenseVectors itemVectors, DenseVectors userVectors) {
        if (itemVectors != null) {
            for (int k = 0; k < itemVectors.size(); k++) {
                if (items.indexOf(itemVectors.ids().idAt(k)) < 0) {
                    throw new IllegalArgumentException("item " + itemVectors.ids().idAt(k)
                            + " has a vector but no row in these features");
                }
            }
        }
        checkSameDimension(itemVectors, userVectors);
        return new ItemFeatures(items, names, byItem, itemVectors, userVectors);
    }

    private static void checkSameDimension(DenseVectors itemVectors, DenseVectors userVectors) {
        if (itemVectors != null && userVectors != null && itemVectors.dimension() != userVectors.dimension()) {
            throw new IllegalArgumentException("item vectors have " + itemVectors.dimension()
                    + " dimensions but user vectors " + userVectors.dimension() + "; use one dimension");
        }
    }

    /** Whether the items have dense vectors ({@link #vectors()} is not null). */
    public boolean hasVectors() {
        return vectors != null;
    }

    /** The items' dense vectors (a subset of {@link #items()}), or {@code null} if none were given. */
    public DenseVectors vectors() {
        return vectors;
    }

    /** The users' dense vectors, or {@code null} if none were given. */
    public DenseVectors userVectors() {
        return userVectors;
    }

    /** A copy of the dense vector of item {@code itemId}, or {@code null} if it has none. */
    public float[] vectorOf(long itemId) {
        return vectors == null ? null : vectors.vectorOf(itemId);
    }

    /** A copy of the dense vector of user {@code userId}, or {@code null} if none was given. */
    public float[] userVectorOf(long userId) {
        return userVectors == null ? null : userVectors.vectorOf(userId);
    }

    /** A builder with no items. */
    public static Builder builder() {
        return new Builder();
    }

    /** The items that have at least one attribute, in ascending id order (rows of {@link #byItem()}). */
    public IdIndex items() {
        return items;
    }

    /** The number of features (columns of {@link #byItem()}). */
    public int featureCount() {
        return names.length;
    }

    /**
     * The name of feature {@code f}: {@code "attribute=value"} (categorical), {@code "attribute"}
     * (numeric) or {@code "attribute:token"} (text).
     *
     * @throws IndexOutOfBoundsException if {@code f} is not in {@code 0..featureCount()-1}
     */
    public String featureName(int f) {
        return names[f];
    }

    /** The index of the feature called {@code name}, or -1 if there is none. */
    public int featureIndex(String name) {
        return indexOfName.getInt(name);
    }

    /** The weights: items x features, CSR, row {@code i} for item index {@code i} of {@link #items()}. */
    public SparseMatrix byItem() {
        return byItem;
    }

    /**
     * The features of item index {@code itemIndex} (zero-copy, sorted by feature index).
     *
     * @throws IndexOutOfBoundsException if {@code itemIndex} is not in {@code 0..items().size()-1}
     */
    public SparseVector features(int itemIndex) {
        return byItem.row(itemIndex);
    }

    /** The features of item {@code itemId}, or the empty vector if the item has none. */
    public SparseVector featuresOf(long itemId) {
        int i = items.indexOf(itemId);
        return i < 0 ? SparseVector.empty() : byItem.row(i);
    }

    @Override
    public String toString() {
        return "ItemFeatures[" + items.size() + " items x " + names.length + " features, "
                + byItem.size() + " entries"
                + (vectors != null ? ", " + vectors.size() + " item vectors x " + vectors.dimension() : "")
                + (userVectors != null ? ", " + userVectors.size() + " user vectors" : "") + "]";
    }

    /**
     * Collects item attributes and builds {@link ItemFeatures}. Attribute names must be non-empty and
     * contain neither {@code '='} nor {@code ':'} (so feature names of different kinds never clash), and
     * each attribute is of one kind (categorical, numeric or text).
     * Not thread-safe; reusable after {@link #build()} (it keeps what was added).
     */
    public static final class Builder {
        private enum Kind { CATEGORICAL, NUMERIC, TEXT }

        // Features are numbered in order of first appearance while building, renumbered by name at build().
        private final Object2IntOpenHashMap<String> featureIds = new Object2IntOpenHashMap<>();
        private final List<String> featureNames = new ArrayList<>();
        private final List<Kind> featureKinds = new ArrayList<>();
        private final List<String> featureAttributes = new ArrayList<>();
        // Per item: feature -> weight (categorical), raw value (numeric) or token count (text).
        private final Long2ObjectOpenHashMap<Int2DoubleOpenHashMap> byItem = new Long2ObjectOpenHashMap<>();
        // Per text attribute: the items that have a text for it (N of the IDF).
        private final Map<String, LongOpenHashSet> textDocuments = new HashMap<>();
        private final Map<String, Kind> attributeKinds = new HashMap<>();
        private DenseVectors.Builder itemVectors;
        private DenseVectors.Builder userVectors;
        private int vectorDimension;
        private boolean normalizeVectors;

        private Builder() {
            featureIds.defaultReturnValue(-1);
        }

        /**
         * Sets the one-hot feature {@code attribute=value} (weight 1) for the item; giving it again has
         * no further effect, giving another value of the same attribute adds a second feature.
         *
         * @throws IllegalArgumentException if the attribute name is invalid or the value is null or empty
         */
        public Builder categorical(long itemId, String attribute, String value) {
            checkAttribute(attribute, Kind.CATEGORICAL);
            if (value == null || value.isEmpty()) {
                throw new IllegalArgumentException("categorical attribute '" + attribute + "' of item " + itemId
                        + " has an empty value; give a non-empty value");
            }
            int f = feature(attribute + "=" + value, Kind.CATEGORICAL, attribute);
            row(itemId).put(f, 1.0);
            return this;
        }

        /**
         * Sets the numeric attribute of the item (scaled to [0, 1] at {@link #build()}).
         *
         * @throws IllegalArgumentException if the attribute name is invalid, the value is NaN or infinite,
         *                                  or the item already has a value for this attribute
         */
        public Builder numeric(long itemId, String attribute, double value) {
            checkAttribute(attribute, Kind.NUMERIC);
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("numeric attribute '" + attribute + "' of item " + itemId
                        + " is " + value + "; values must be finite");
            }
            int f = feature(attribute, Kind.NUMERIC, attribute);
            Int2DoubleOpenHashMap row = row(itemId);
            if (row.containsKey(f)) {
                throw new IllegalArgumentException("numeric attribute '" + attribute + "' of item " + itemId
                        + " given twice (" + row.get(f) + " and " + value + ")");
            }
            row.put(f, value);
            return this;
        }

        /**
         * Adds the tokens of {@code text} to the item's text attribute; calling it again for the same
         * item and attribute appends (token counts add up). A text without tokens still counts as a
         * document for the IDF.
         *
         * @throws IllegalArgumentException if the attribute name is invalid or the text is null
         */
        public Builder text(long itemId, String attribute, String text) {
            checkAttribute(attribute, Kind.TEXT);
            if (text == null) {
                throw new IllegalArgumentException("text attribute '" + attribute + "' of item " + itemId
                        + " is null");
            }
            textDocuments.computeIfAbsent(attribute, a -> new LongOpenHashSet()).add(itemId);
            Int2DoubleOpenHashMap row = row(itemId);
            for (String token : tokenize(text)) {
                row.addTo(feature(attribute + ":" + token, Kind.TEXT, attribute), 1.0);
            }
            return this;
        }

        /**
         * Sets the dense vector of the item (copied); the first vector given, item or user, fixes the
         * dimension for all.
         *
         * @throws IllegalArgumentException if the vector is null, empty or of another dimension, has a
         *                                  NaN or infinite component, or the item already has one
         */
        public Builder vector(long itemId, float[] vector) {
            itemVectors = vectorBuilder(itemVectors, vector, "item " + itemId);
            itemVectors.add(itemId, vector);
            if (!byItem.containsKey(itemId)) {
                byItem.put(itemId, new Int2DoubleOpenHashMap(1));
            }
            return this;
        }

        /** Sets the dense vectors of all items of {@code vectors}, as {@link #vector} does one by one. */
        public Builder vectors(DenseVectors vectors) {
            for (int k = 0; k < vectors.size(); k++) {
                vector(vectors.ids().idAt(k), vectors.vector(k));
            }
            return this;
        }

        /**
         * Sets the dense vector of a user (copied), of the same dimension as the item vectors.
         *
         * @throws IllegalArgumentException as {@link #vector}
         */
        public Builder userVector(long userId, float[] vector) {
            userVectors = vectorBuilder(userVectors, vector, "user " + userId);
            userVectors.add(userId, vector);
            return this;
        }

        /** Whether {@link #build()} scales every item and user vector to unit length (default false). */
        public Builder normalizeVectors(boolean normalize) {
            this.normalizeVectors = normalize;
            return this;
        }

        private DenseVectors.Builder vectorBuilder(DenseVectors.Builder current, float[] vector, String owner) {
            if (vector == null || vector.length == 0) {
                throw new IllegalArgumentException("vector of " + owner + " is " + (vector == null ? "null" : "empty"));
            }
            if (vectorDimension == 0) {
                vectorDimension = vector.length;
            } else if (vector.length != vectorDimension) {
                throw new IllegalArgumentException("vector of " + owner + " has " + vector.length
                        + " components, expected " + vectorDimension + " (all vectors have one dimension)");
            }
            return current != null ? current : DenseVectors.builder(vectorDimension);
        }

        /** Builds the features: weights computed as described in {@link ItemFeatures}. */
        public ItemFeatures build() {
            int n = featureNames.size();
            // Final numbering: ascending feature name.
            String[] names = featureNames.toArray(new String[0]);
            Arrays.sort(names);
            int[] remap = new int[n];
            for (int f = 0; f < n; f++) {
                remap[featureIds.getInt(names[f])] = f;
            }

            // Statistics over items: min/max of numeric features, document frequency of text features.
            double[] min = new double[n];
            double[] max = new double[n];
            int[] df = new int[n];
            Arrays.fill(min, Double.POSITIVE_INFINITY);
            Arrays.fill(max, Double.NEGATIVE_INFINITY);
            for (Int2DoubleOpenHashMap row : byItem.values()) {
                for (Int2DoubleMap.Entry e : row.int2DoubleEntrySet()) {
                    int f = e.getIntKey();
                    min[f] = Math.min(min[f], e.getDoubleValue());
                    max[f] = Math.max(max[f], e.getDoubleValue());
                    df[f]++;
                }
            }
            double[] idf = new double[n];
            for (int f = 0; f < n; f++) {
                if (featureKinds.get(f) == Kind.TEXT) {
                    int documents = textDocuments.get(featureAttributes.get(f)).size();
                    idf[f] = Math.log((1.0 + documents) / (1.0 + df[f])) + 1.0;
                }
            }

            IdIndex items = IdIndex.sortedDistinct(byItem.keySet().toLongArray());
            int[] pointers = new int[items.size() + 1];
            int total = 0;
            for (Int2DoubleOpenHashMap row : byItem.values()) {
                total += row.size();
            }
            int[] columns = new int[total];
            float[] values = new float[total];
            long[] keys = new long[0];
            int k = 0;
            for (int i = 0; i < items.size(); i++) {
                Int2DoubleOpenHashMap row = byItem.get(items.idAt(i));
                if (keys.length < row.size()) {
                    keys = new long[row.size()];
                }
                int m = 0;
                for (IntIterator it = row.keySet().iterator(); it.hasNext(); ) {
                    int f = it.nextInt();
                    keys[m++] = ((long) remap[f] << 32) | f;   // sorts by final index, keeps the builder id
                }
                Arrays.sort(keys, 0, m);
                for (int p = 0; p < m; p++) {
                    int f = (int) keys[p];
                    double w = weight(featureKinds.get(f), row.get(f), min[f], max[f], idf[f]);
                    if (w != 0) {
                        columns[k] = remap[f];
                        values[k++] = (float) w;
                    }
                }
                pointers[i + 1] = k;
            }
            SparseMatrix matrix = new SparseMatrix(items.size(), n, pointers, Arrays.copyOf(columns, k),
                    Arrays.copyOf(values, k), null, null);
            DenseVectors iv = itemVectors == null ? null : itemVectors.normalize(normalizeVectors).build();
            DenseVectors uv = userVectors == null ? null : userVectors.normalize(normalizeVectors).build();
            return new ItemFeatures(items, names, matrix, iv, uv);
        }

        private static double weight(Kind kind, double raw, double min, double max, double idf) {
            return switch (kind) {
                case CATEGORICAL -> 1.0;
                case NUMERIC -> max > min ? (raw - min) / (max - min) : 0.0;
                case TEXT -> raw * idf;
            };
        }

        private Int2DoubleOpenHashMap row(long itemId) {
            Int2DoubleOpenHashMap row = byItem.get(itemId);
            if (row == null) {
                row = new Int2DoubleOpenHashMap(4);
                byItem.put(itemId, row);
            }
            return row;
        }

        private int feature(String name, Kind kind, String attribute) {
            int f = featureIds.getInt(name);
            if (f < 0) {
                f = featureNames.size();
                featureIds.put(name, f);
                featureNames.add(name);
                featureKinds.add(kind);
                featureAttributes.add(attribute);
            }
            return f;
        }

        private static String kindName(Kind kind) {
            return kind.name().toLowerCase(Locale.ROOT);
        }

        private void checkAttribute(String attribute, Kind kind) {
            if (attribute == null || attribute.isEmpty() || attribute.indexOf('=') >= 0
                    || attribute.indexOf(':') >= 0) {
                throw new IllegalArgumentException("attribute name '" + attribute
                        + "' is invalid; use a non-empty name without '=' or ':'");
            }
            Kind known = attributeKinds.putIfAbsent(attribute, kind);
            if (known != null && known != kind) {
                throw new IllegalArgumentException("attribute '" + attribute + "' is used as " + kindName(known)
                        + " and as " + kindName(kind) + "; use one kind per attribute");
            }
        }
    }

    /**
     * The tokens of {@code text} as {@link Builder#text} counts them: maximal runs of letters and digits,
     * lower-cased, without one-character tokens and {@link #STOP_WORDS}, in order of occurrence.
     */
    public static List<String> tokenize(String text) {
        List<String> tokens = new ArrayList<>();
        int start = -1;
        for (int p = 0; p <= text.length(); ) {
            int c = p < text.length() ? text.codePointAt(p) : ' ';
            boolean word = p < text.length() && Character.isLetterOrDigit(c);
            if (word && start < 0) {
                start = p;
            } else if (!word && start >= 0) {
                String token = text.substring(start, p).toLowerCase(Locale.ROOT);
                if (token.codePointCount(0, token.length()) > 1 && !STOP_WORDS.contains(token)) {
                    tokens.add(token);
                }
                start = -1;
            }
            p += p < text.length() ? Character.charCount(c) : 1;
        }
        return tokens;
    }
}
