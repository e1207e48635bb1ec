package io.jrec.search;

import io.jrec.core.data.SyntheticShop;

import java.util.ArrayList;
import java.util.List;

/** The synthetic shop's catalogue as {@link CatalogItem}s (title, brand, category, price, stock). */
public final class ShopCatalog {
    private ShopCatalog() {
    }

    /** One item per product of {@code shop}, in catalogue order; no description, no attributes. */
    public static List<CatalogItem> items(SyntheticShop shop) {
        List<CatalogItem> out = new ArrayList<>(shop.catalog().size());
        for (SyntheticShop.Product p : shop.catalog()) {
            out.add(CatalogItem.builder(p.id()).title(p.title()).brand(p.brand()).category(p.category())
                    .price(p.price()).inStock(p.inStock()).build());
        }
        return out;
    }
}
