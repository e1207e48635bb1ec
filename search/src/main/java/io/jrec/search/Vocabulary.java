package io.jrec.search;

import it.unimi.dsi.fastutil.objects.Object2IntMap;
import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The index's terms with their document frequencies, and spelling correction against them: the
 * nearest term within an edit distance (optimal string alignment: insertions, deletions,
 * substitutions and transpositions of neighbours each count 1) of 1 for terms of up to 4 letters and 2
 * for longer ones; ties go to the more frequent term, then the alphabetically first. Only terms of at
 * least 3 ASCII letters are corrected (numbers, model codes and CJK words never are). Immutable.
 */
final class Vocabulary {
    private final Object2IntOpenHashMap<String> frequency;
    private final String[][] byLength;   // terms of length L (ASCII letters only), sorted

    Vocabulary(Object2IntOpenHashMap<String> frequency) {
        this.frequency = frequency;
        this.frequency.defaultReturnValue(0);
        int longest = 0;
        List<List<String>> lists = new ArrayList<>();
        for (Object2IntMap.Entry<String> e : frequency.object2IntEntrySet()) {
            String t = e.getKey();
            if (!correctable(t)) {
                continue;
            }
            while (lists.size() <= t.length()) {
                lists.add(new ArrayList<>());
            }
            lists.get(t.length()).add(t);
            longest = Math.max(longest, t.length());
        }
        byLength = new String[lists.size()][];
        for (int l = 0; l < lists.size(); l++) {
            byLength[l] = lists.get(l).toArray(new String[0]);
            Arrays.sort(byLength[l]);
        }
    }

    int size() {
        return frequency.size();
    }

    int frequency(String term) {
        return frequency.getInt(term);
    }

    boolean contains(String term) {
        return frequency.containsKey(term);
    }

    static boolean correctable(String term) {
        if (term.length() < 3) {
            return false;
        }
        for (int k = 0; k < term.length(); k++) {
            char c = term.charAt(k);
            if (c < 'a' || c > 'z') {
                return false;
            }
        }
        return true;
    }

    static int maxEdits(String term) {
        return term.length() <= 4 ? 1 : 2;
    }

    /** The corrected term, or null if {@code term} is known, not correctable, or nothing is near enough. */
    String correct(String term) {
        if (contains(term) || !correctable(term)) {
            return null;
        }
        int max = maxEdits(term);
        String best = null;
        int bestDistance = max + 1;
        int bestFrequency = -1;
        for (int l = Math.max(1, term.length() - max); l <= term.length() + max && l < byLength.length; l++) {
            for (String candidate : byLength[l]) {
                int d = distance(term, candidate, Math.min(max, bestDistance));
                if (d > max) {
                    continue;
                }
                int f = frequency.getInt(candidate);
                if (d < bestDistance || (d == bestDistance && (f > bestFrequency
                        || (f == bestFrequency && candidate.compareTo(best) < 0)))) {
                    best = candidate;
                    bestDistance = d;
                    bestFrequency = f;
                }
            }
        }
        return best;
    }

    /**
     * The optimal-string-alignment distance of {@code a} and {@code b}, or any value above {@code limit}
     * once it is certain to exceed it.
     */
    static int distance(String a, String b, int limit) {
        int n = a.length();
        int m = b.length();
        if (Math.abs(n - m) > limit) {
            return limit + 1;
        }
        int[] previous2 = new int[m + 1];
        int[] previous = new int[m + 1];
        int[] current = new int[m + 1];
        for (int j = 0; j <= m; j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= n; i++) {
            current[0] = i;
            int rowMin = current[0];
            char ca = a.charAt(i - 1);
            for (int j = 1; j <= m; j++) {
                char cb = b.charAt(j - 1);
                int cost = ca == cb ? 0 : 1;
                int v = Math.min(Math.min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && ca == b.charAt(j - 2) && a.charAt(i - 2) == cb) {
                    v = Math.min(v, previous2[j - 2] + 1);
                }
                current[j] = v;
                rowMin = Math.min(rowMin, v);
            }
            if (rowMin > limit) {
                return limit + 1;
            }
            int[] t = previous2;
            previous2 = previous;
            previous = current;
            current = t;
        }
        return previous[m];
    }
}
