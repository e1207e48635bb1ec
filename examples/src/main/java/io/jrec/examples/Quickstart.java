package io.jrec.examples;

import io.jrec.core.Explanation;
import io.jrec.core.ItemFilter;
import io.jrec.core.RatingMatrix;
import io.jrec.core.Recommendations;
import io.jrec.core.ScoredItem;
import io.jrec.core.data.SyntheticShop;
import io.jrec.models.baseline.PopularityRecommender;
import io.jrec.models.content.ContentBasedRecommender;
import io.jrec.models.hybrid.HybridRecommender;
import io.jrec.models.knn.ItemKnnRecommender;
import io.jrec.similarity.Similarity;

/**
 * The five-minute tour, on the embedded synthetic shop (no files needed): fit item-KNN and a hybrid,
 * print personalised top-5 lists with "because you bought X", "customers who bought this also
 * bought", similar products from catalogue features, and what a brand-new customer gets.
 *
 * <p>Run: {@code mvn -B -ntp -q install -DskipTests && mvn -B -ntp -q -pl examples exec:java}
 */
public final class Quickstart {

    private Quickstart() {
    }

    public static void main(String[] args) {
        SyntheticShop shop = SyntheticShop.builder().seed(42).build();
        RatingMatrix events = shop.interactions();   // view 1, cart 3, purchase 5 per (customer, product)
        System.out.printf("Synthetic shop: %,d customers, %,d products, %,d interactions%n%n",
                events.userCount(), events.itemCount(), events.size());

        ConsoleProgressBar bar = new ConsoleProgressBar(System.err);
        ItemKnnRecommender itemKnn = ItemKnnRecommender.builder()
                .similarity(Similarity.cosine()).neighbors(50).implicit(true).threads(2)
                .build().fit(events, bar);
        HybridRecommender hybrid = HybridRecommender.builder()
                .add(ItemKnnRecommender.builder().similarity(Similarity.cosine()).neighbors(50).implicit(true).build(), 0.7)
                .add(ContentBasedRecommender.builder().features(shop.features()).build(), 0.3)
                .switching(3, ContentBasedRecommender.builder().features(shop.features()).build(),
                        PopularityRecommender.builder().build())
                .build().fit(events, bar);
        System.err.println();

        for (int u = 0; u < 3; u++) {
            long customer = events.users().idAt(u * 97);
            System.out.printf("Customer %d (%d interactions) - top 5 by %s:%n", customer,
                    events.userRatingCount(u * 97), itemKnn.name());
            for (ScoredItem item : itemKnn.topN(customer, 5)) {
                Explanation why = itemKnn.explain(customer, item.itemId());
                long because = why.contributions().get(0).itemId();
                System.out.printf("  %-50s score %5.2f   because you liked: %s%n",
                        title(shop, item.itemId()), item.score(), title(shop, because));
            }
        }

        long product = events.items().idAt(0);
        System.out.printf("%nCustomers who bought \"%s\" also bought:%n", title(shop, product));
        print(shop, itemKnn.similarItems(product, 5));

        ContentBasedRecommender content = ContentBasedRecommender.builder().features(shop.features()).build()
                .fit(events);
        System.out.printf("%nProducts similar to \"%s\" (catalogue features):%n", title(shop, product));
        print(shop, content.similarItems(product, 5));

        System.out.printf("%nHome page of customer %d, in-stock products only (hybrid):%n", events.users().idAt(5));
        ItemFilter inStock = ItemFilter.builder().require(id -> shop.product(id).inStock()).build();
        print(shop, hybrid.topN(events.users().idAt(5), 5, inStock));

        long newCustomer = 999_999_999L;
        System.out.printf("%nA brand-new customer (id %d, no history):%n", newCustomer);
        print(shop, hybrid.topN(newCustomer, 5));

        System.out.printf("%nThe same visitor after viewing \"%s\" (session, no refit):%n", title(shop, product));
        print(shop, itemKnn.topNForSession(new long[]{product}, new float[]{1f}, 5, ItemFilter.excludeSeen()));
    }

    private static void print(SyntheticShop shop, Recommendations list) {
        System.out.println("  served by " + list.source());
        for (ScoredItem item : list) {
            System.out.printf("  %-50s score %6.3f%n", title(shop, item.itemId()), item.score());
        }
    }

    private static String title(SyntheticShop shop, long productId) {
        SyntheticShop.Product p = shop.product(productId);
        return p.title() + " (" + p.category() + ")";
    }
}
