package io.jrec.models.hybrid;

import io.jrec.core.RatingMatrix;
import io.jrec.core.Recommender;
import io.jrec.core.io.ModelCodec;
import io.jrec.core.io.ModelFormatException;
import io.jrec.core.io.ModelInput;
import io.jrec.core.io.ModelOutput;

import java.io.IOException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Saves and loads {@link HybridRecommender}: its members and fallback chain are written recursively
 * through their own codecs ({@link ModelOutput#writeModel}), so a hybrid can be saved when every
 * member can. Payload after the training matrix: label, weights, the marker -2, the distinct models of
 * the blend and the fallback chain (each a nested model with its type, written once even when it is
 * both blended and in the chain), the members and the chain (with names) as indices into them,
 * switching threshold, candidates per model, normalisation, how new items are blended. Files of the
 * earlier layout (the member count, which is never negative, in place of the marker, then every member
 * and chain model written in place) still load, as separate instances; files that end after the
 * normalisation (written before the new-items setting) load with {@link HybridRecommender.NewItems#LIKE_OTHERS}.
 *
 * <p>Registered in {@code META-INF/services/io.jrec.core.io.ModelCodec}; applications save and load
 * through {@link io.jrec.core.io.ModelIO}, not this class. The type id written into files,
 * {@code "HybridRecommender"}, never changes. On reading every length and index is checked against
 * the training matrix (written first, see {@link io.jrec.core.io.ModelOutput#writeRatingMatrix}), so a
 * corrupted payload fails with a {@link io.jrec.core.io.ModelFormatException}. Stateless and thread-safe.
 *
 * @since 0.1.0
 */
public final class HybridCodec implements ModelCodec<HybridRecommender> {
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
        out.writeInt(h.newItems.ordinal());
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
        if (in.remaining() > 0) {                 // absent from files written before the setting
            int newItems = in.readInt();
            in.check(newItems >= 0 && newItems < HybridRecommender.NewItems.values().length, "new items " + newItems);
            settings.newItems = HybridRecommender.NewItems.values()[newItems];
        }
        return new HybridRecommender(train, members, weights, label, chain, names, settings);
    }
}
