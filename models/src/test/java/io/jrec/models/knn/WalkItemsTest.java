package io.jrec.models.knn;

import io.jrec.core.IdIndex;
import io.jrec.core.ItemFilter;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The item table of the top-N walk against a brute-force reference: partial sums (float, in the order
 * added), the lists each item was met in, the user marks, and the running n-th best accepted partial
 * sum under every filter kind; across growths of the table and its move to the dense index (up to
 * 20,000 items) and across queries (a cleared table holds nothing of the last query).
 */
class WalkItemsTest {

    @Test
    void handCase() {
        WalkItems items = new WalkItems(4);
        IdIndex ids = IdIndex.of(10, 11, 12, 13);
        fill(items);
        assertTrue(items.isUser(0));
        assertFalse(items.isUser(1));
        assertFalse(items.isUser(3));
        // partial sums: 0 (the user's) 1, 1 -> 0.625, 2 -> 0.25
        assertEquals(-1.0, items.nthBest(3, ItemFilter.excludeSeen(), ids), "two accepted");
        assertEquals(0.25, items.nthBest(2, ItemFilter.excludeSeen(), ids));
        items.add(2, 0.5f, 1);   // 2 -> 0.75, now first: the n-th best rises
        assertEquals(0.625, items.nthBest(2, ItemFilter.excludeSeen(), ids));
        assertEquals(3, items.size());
        Map<Integer, Long> lists = new HashMap<>();
        for (int q = 0; q < items.size(); q++) {
            lists.put(items.item(q), items.listsAt(q));
        }
        assertEquals(Map.of(0, 0L, 1, 0b1001L, 2, 0b11L), lists);
        assertEquals(3, items.clear(), "three items have a positive partial sum");
        assertEquals(0, items.size());
        assertFalse(items.isUser(0), "cleared");

        fill(items);
        assertEquals(1.0, items.nthBest(1, ItemFilter.none(), ids), "the user's item counts");
        items.clear();
        fill(items);
        ItemFilter deny = ItemFilter.builder().deny(11).build();
        assertEquals(0.25, items.nthBest(1, deny, ids), "item 1 (id 11) denied, item 0 seen");
        assertEquals(-1.0, items.nthBest(2, deny, ids), "one accepted");
        items.clear();
    }

    private static void fill(WalkItems items) {
        items.begin(1);
        items.addUser(0);
        items.add(1, 0.5f, 0);
        items.add(2, 0.25f, 0);
        items.add(1, 0.125f, 3);
        items.add(0, 1f, 60);   // a list past the marked ones: no bit
    }

    @Test
    void agreesWithBruteForceAcrossGrowthsFiltersAndQueries() {
        Random rnd = new Random(5);
        int catalogue = 40_000;
        WalkItems items = new WalkItems(catalogue);
        long[] idArray = new long[catalogue];
        for (int i = 0; i < catalogue; i++) {
            idArray[i] = 1_000L + 3L * i;
        }
        IdIndex ids = IdIndex.sortedDistinct(idArray);
        int growths = 0;
        int dense = 0;
        for (int query = 0; query < 60; query++) {
            int distinct = query % 3 == 0 ? 20_000 : 1 + rnd.nextInt(3_000);
            int userItems = 1 + rnd.nextInt(query % 4 == 0 ? 300 : 20);
            ItemFilter filter = switch (query % 4) {
                case 0 -> ItemFilter.excludeSeen();
                case 1 -> ItemFilter.none();
                case 2 -> ItemFilter.builder().deny(1_000L, 1_003L, 1_006L).require(id -> id % 2 == 0).build();
                default -> ItemFilter.builder().excludeSeen(true).require(id -> id % 5 != 0).build();
            };
            items.begin(userItems);
            Set<Integer> user = new HashSet<>();
            for (int k = 0; k < userItems; k++) {
                int j = rnd.nextInt(catalogue);
                user.add(j);
                items.addUser(j);
            }
            Map<Integer, Float> partial = new HashMap<>();
            Map<Integer, Long> lists = new HashMap<>();
            int n = 1 + rnd.nextInt(query % 5 == 0 ? 200 : 12);
            int adds = distinct * 3;
            for (int a = 0; a < adds; a++) {
                int i = rnd.nextInt(distinct) * (catalogue / distinct);
                float term = (float) rnd.nextDouble();
                int k = rnd.nextInt(70);
                items.add(i, term, k);
                partial.merge(i, term, Float::sum);
                lists.merge(i, k < WalkItems.MARKED_LISTS ? 1L << k : 0L, (x, y) -> x | y);
                if (a % 997 == 0 || a == adds - 1) {
                    assertEquals(bruteNth(partial, user, filter, ids, n), items.nthBest(n, filter, ids),
                            "query " + query + " after " + a + " adds");
                }
            }
            Set<Integer> touched = new HashSet<>(partial.keySet());
            touched.addAll(user);
            assertEquals(touched.size(), items.size());
            for (int q = 0; q < items.size(); q++) {
                int i = items.item(q);
                assertEquals(partial.getOrDefault(i, 0f), items.partial(q), "item " + i);
                assertEquals(lists.getOrDefault(i, 0L), items.listsAt(q), "item " + i);
                assertEquals(user.contains(i), items.isUserAt(q), "item " + i);
                assertEquals(user.contains(i), items.isUser(i), "item " + i);
            }
            for (int probe = 0; probe < 200; probe++) {
                int i = rnd.nextInt(catalogue);
                assertEquals(user.contains(i), items.isUser(i), "item " + i);
            }
            growths += items.size() > 512 ? 1 : 0;
            dense += items.size() > 1 << 14 ? 1 : 0;
            assertEquals(partial.size(), items.clear());
            assertEquals(0, items.size());
        }
        assertTrue(growths >= 20, growths + " queries grew the table");
        assertTrue(dense >= 10, dense + " queries moved to the dense index");
    }

    /** The n-th largest partial sum among the accepted touched items, or -1. */
    private static double bruteNth(Map<Integer, Float> partial, Set<Integer> user, ItemFilter filter, IdIndex ids,
                                   int n) {
        double[] accepted = partial.entrySet().stream()
                .filter(e -> !(filter.excludesSeen() && user.contains(e.getKey())))
                .filter(e -> filter.accepts(ids.idAt(e.getKey())))
                .mapToDouble(Map.Entry::getValue).toArray();
        if (!filter.excludesSeen()) {   // the user's items not met have partial sum 0
            long unmet = user.stream().filter(j -> !partial.containsKey(j) && filter.accepts(ids.idAt(j))).count();
            accepted = Arrays.copyOf(accepted, accepted.length + (int) unmet);
        }
        if (accepted.length < n) {
            return -1;
        }
        Arrays.sort(accepted);
        return accepted[accepted.length - n];
    }
}
