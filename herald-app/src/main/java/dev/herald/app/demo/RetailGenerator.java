package dev.herald.app.demo;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Writes a deterministic retail dataset for {@code examples/retail/schema.yaml}: profiles and
 * their purchases, bookings, push devices and web events, plus products and stores. The same seed
 * and as-of date give the same files, byte for byte.
 *
 * <p>It is realistic on purpose, flaws included: about 3% of profiles reuse an earlier profile's
 * email, 1% have an invalid email, 15% have no phone, and a share has no consent per channel.
 * Profiles are generated in blocks on all cores; each block has its own seeded random source and
 * the blocks are written in order.
 */
public final class RetailGenerator {

    public static final LocalDate DEFAULT_AS_OF = LocalDate.of(2026, 11, 1);
    private static final int BLOCK = 20_000;

    private static final String[] FIRST = {"Emma", "Liam", "Olivia", "Noah", "Ava", "Lucas", "Mia", "Leo", "Chloé", "Hugo",
            "Sofia", "Mateo", "Léa", "Jonas", "Anna", "Elias", "Marta", "Luca", "Ines", "Tomás", "Zoë", "Felix", "Nora",
            "Arthur", "Julia", "Oscar", "Alice", "Adam", "Sara", "Louis", "Maja", "Jakub", "Amélie", "Diego", "Freya",
            "Yusuf", "Aiko", "Ravi", "Priya", "Chen", "Mei", "Kwame", "Amara", "Björn", "Siobhán", "Zoltán", "Ilse", "Nikos",
            "Eva", "Omar"};
    private static final String[] LAST = {"Martin", "Bernard", "Dubois", "Müller", "Schmidt", "Rossi", "Russo", "García",
            "Fernández", "Smith", "Jones", "Brown", "Nowak", "Kowalski", "Jansen", "de Vries", "Peeters", "Novák", "Horváth",
            "Silva", "Santos", "Andersson", "Nielsen", "Hansen", "O'Brien", "Murphy", "Papadopoulos", "Yılmaz", "Kim",
            "Tanaka", "Sato", "Wang", "Li", "Singh", "Patel", "Okafor", "Mensah", "Lefèvre", "Moreau", "Laurent", "Weber",
            "Fischer", "Romano", "Costa", "López", "Hernández", "Wilson", "Taylor", "Lambert", "Fontaine"};
    private static final String[][] PLACES = {
            {"FR", "Paris", "fr", "Europe/Paris"}, {"FR", "Lyon", "fr", "Europe/Paris"}, {"FR", "Marseille", "fr", "Europe/Paris"},
            {"DE", "Berlin", "de", "Europe/Berlin"}, {"DE", "München", "de", "Europe/Berlin"}, {"DE", "Hamburg", "de", "Europe/Berlin"},
            {"GB", "London", "en", "Europe/London"}, {"GB", "Manchester", "en", "Europe/London"}, {"IE", "Dublin", "en", "Europe/Dublin"},
            {"ES", "Madrid", "es", "Europe/Madrid"}, {"ES", "Barcelona", "es", "Europe/Madrid"}, {"IT", "Milano", "it", "Europe/Rome"},
            {"IT", "Roma", "it", "Europe/Rome"}, {"NL", "Amsterdam", "nl", "Europe/Amsterdam"}, {"BE", "Bruxelles", "fr", "Europe/Brussels"},
            {"PL", "Warszawa", "pl", "Europe/Warsaw"}, {"SE", "Stockholm", "sv", "Europe/Stockholm"}, {"PT", "Lisboa", "pt", "Europe/Lisbon"},
            {"US", "New York", "en", "America/New_York"}, {"US", "Chicago", "en", "America/Chicago"},
            {"US", "Los Angeles", "en", "America/Los_Angeles"}, {"CA", "Montréal", "fr", "America/Toronto"},
            {"JP", "Tokyo", "ja", "Asia/Tokyo"}, {"AU", "Sydney", "en", "Australia/Sydney"}};
    private static final int[] PLACE_WEIGHTS = {14, 6, 4, 10, 5, 4, 10, 4, 3, 6, 4, 4, 3, 5, 3, 3, 2, 2, 8, 4, 4, 2, 2, 2};
    private static final String[] DOMAINS = {"gmail.com", "outlook.com", "yahoo.com", "orange.fr", "gmx.de", "web.de",
            "icloud.com", "proton.me", "free.fr", "libero.it"};
    private static final String[] CATEGORIES = {"shoes", "outerwear", "dresses", "shirts", "trousers", "accessories",
            "bags", "sportswear", "beauty", "home"};
    private static final String[] BRANDS = {"Nordlys", "Aurelle", "Kestrel", "Maison Brun", "Vela", "Oakridge", "Tessera",
            "Lumen", "Rivage", "Atlas"};
    private static final String[] SERVICES = {"fitting", "tailoring", "styling session", "repair", "personal shopping"};
    private static final String[] EVENT_TYPES = {"page_view", "page_view", "page_view", "product_view", "product_view",
            "add_to_cart", "search", "wishlist_add", "checkout_start"};

    private final long seed;
    private final long asOf;
    private final int products;
    private final int stores;

    public RetailGenerator(long seed, LocalDate asOf) {
        this.seed = seed;
        this.asOf = asOf.atStartOfDay(ZoneOffset.UTC).toEpochSecond();
        this.products = 2_000;
        this.stores = 150;
    }

    /** Row counts per entity, in the order the files were written. */
    public Map<String, Long> generate(long profiles, Path out) throws IOException {
        Files.createDirectories(out);
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("product", writeProducts(out.resolve("product.csv")));
        counts.put("store", writeStores(out.resolve("store.csv")));
        String[] entities = {"profile", "purchase", "booking", "push_device", "web_event"};
        String[] headers = {
                "id,email,first_name,last_name,phone,country,city,language,timezone,birth_date,signup_at,loyalty_tier,"
                        + "email_consent,sms_consent,push_consent,lifetime_value",
                "id,profile_id,product_id,store_id,at,quantity,amount,channel",
                "id,profile_id,store_id,service,starts_at,status,created_at",
                "id,profile_id,platform,token,last_seen_at",
                "id,profile_id,at,type,url,properties"};
        List<BufferedWriter> writers = new ArrayList<>();
        for (int i = 0; i < entities.length; i++) {
            BufferedWriter w = Files.newBufferedWriter(out.resolve(entities[i] + ".csv"), StandardCharsets.UTF_8);
            w.write(headers[i]);
            w.write('\n');
            writers.add(w);
            counts.put(entities[i], 0L);
        }
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Block>> pending = new ArrayList<>();
            long blocks = (profiles + BLOCK - 1) / BLOCK;
            for (long b = 0; b < blocks; b++) {
                long first = b * BLOCK + 1;
                long last = Math.min(profiles, first + BLOCK - 1);
                pending.add(pool.submit(() -> block(first, last)));
                if (pending.size() >= threads * 2) {
                    drain(pending.remove(0), writers, entities, counts);
                }
            }
            while (!pending.isEmpty()) {
                drain(pending.remove(0), writers, entities, counts);
            }
        } finally {
            pool.shutdownNow();
            for (BufferedWriter w : writers) {
                w.close();
            }
        }
        return counts;
    }

    private static void drain(Future<Block> future, List<BufferedWriter> writers, String[] entities,
                              Map<String, Long> counts) throws IOException {
        Block block;
        try {
            block = future.get();
        } catch (Exception e) {
            throw new IOException("generation failed: " + e.getMessage(), e);
        }
        for (int i = 0; i < entities.length; i++) {
            writers.get(i).append(block.text[i]);
            counts.merge(entities[i], block.rows[i], Long::sum);
        }
    }

    private record Block(StringBuilder[] text, long[] rows) {
    }

    private Block block(long first, long last) {
        SplittableRandom r = new SplittableRandom(seed * 1_000_003L + first);
        StringBuilder[] text = new StringBuilder[5];
        int n = (int) (last - first + 1);
        text[0] = new StringBuilder(n * 180);
        text[1] = new StringBuilder(n * 5 * 80);
        text[2] = new StringBuilder(n * 50);
        text[3] = new StringBuilder(n * 60);
        text[4] = new StringBuilder(n * 3 * 110);
        long[] rows = new long[5];
        for (long id = first; id <= last; id++) {
            rows[0]++;
            int place = weighted(r);
            String[] p = PLACES[place];
            int purchases = Math.min(99, (int) (-Math.log(1 - r.nextDouble()) * 5.0 * (r.nextInt(10) == 0 ? 3 : 0.8)));
            long signup = asOf - 86_400L * (30 + r.nextInt(3_600)) + r.nextInt(86_400);
            double spend = 0;
            StringBuilder pu = text[1];
            for (int k = 0; k < purchases; k++) {
                long product = 1 + r.nextInt(products);
                int quantity = 1 + (r.nextInt(10) < 7 ? 0 : r.nextInt(4));
                long price = price(product);
                long amount = price * quantity;
                spend += amount / 100.0;
                long span = Math.max(86_400, asOf - signup);
                long at = asOf - (long) (span * Math.pow(r.nextDouble(), 2.0)) - 1;
                boolean online = r.nextInt(10) < 6;
                pu.append(id * 100 + k).append(',').append(id).append(',').append(product).append(',');
                if (!online) {
                    pu.append(1 + r.nextInt(stores));
                }
                pu.append(',').append(Instant.ofEpochSecond(at)).append(',').append(quantity).append(',');
                cents(pu, amount).append(',').append(online ? "online" : "store").append('\n');
                rows[1]++;
            }
            profile(text[0], r, id, p, signup, purchases, spend);
            int bookings = r.nextInt(10) < 3 ? 1 + r.nextInt(3) : 0;
            for (int k = 0; k < bookings; k++) {
                long starts = asOf + 86_400L * (r.nextInt(120) - 60) + 3_600L * (9 + r.nextInt(9));
                String status = starts < asOf ? (r.nextInt(10) < 8 ? "attended" : "no_show")
                        : (r.nextInt(10) < 9 ? "confirmed" : "cancelled");
                text[2].append(id * 10 + k).append(',').append(id).append(',').append(1 + r.nextInt(stores)).append(',')
                        .append(SERVICES[r.nextInt(SERVICES.length)]).append(',').append(Instant.ofEpochSecond(starts))
                        .append(',').append(status).append(',')
                        .append(Instant.ofEpochSecond(starts - 86_400L * (1 + r.nextInt(30)))).append('\n');
                rows[2]++;
            }
            int devices = r.nextInt(10) < 4 ? 1 + (r.nextInt(4) == 0 ? 1 : 0) : 0;
            for (int k = 0; k < devices; k++) {
                boolean ios = r.nextBoolean();
                text[3].append(id * 4 + k).append(',').append(id).append(',').append(ios ? "ios" : "android").append(',');
                hex(text[3], r, ios ? 32 : 48).append(',')
                        .append(Instant.ofEpochSecond(asOf - r.nextInt(86_400 * 90))).append('\n');
                rows[3]++;
            }
            int events = r.nextInt(3) == 0 ? 0 : (int) (-Math.log(1 - r.nextDouble()) * 4.5);
            for (int k = 0; k < Math.min(events, 99); k++) {
                String type = EVENT_TYPES[r.nextInt(EVENT_TYPES.length)];
                long product = 1 + r.nextInt(products);
                text[4].append(id * 100 + k).append(',').append(id).append(',')
                        .append(Instant.ofEpochSecond(asOf - r.nextInt(86_400 * 60))).append(',').append(type).append(',');
                if (type.equals("search")) {
                    text[4].append("/search?q=").append(CATEGORIES[r.nextInt(CATEGORIES.length)]).append(',')
                            .append("\"{\"\"results\"\":").append(r.nextInt(200)).append("}\"\n");
                } else {
                    text[4].append("/p/").append(product).append(',')
                            .append("\"{\"\"product_id\"\":").append(product).append(",\"\"device\"\":\"\"")
                            .append(r.nextBoolean() ? "mobile" : "desktop").append("\"\"}\"\n");
                }
                rows[4]++;
            }
        }
        return new Block(text, rows);
    }

    private void profile(StringBuilder b, SplittableRandom r, long id, String[] place, long signup, int purchases,
                         double spend) {
        String first = FIRST[r.nextInt(FIRST.length)];
        String last = LAST[r.nextInt(LAST.length)];
        b.append(id).append(',');
        int emailKind = r.nextInt(100);
        if (emailKind < 3 && id > 10) {
            // a duplicate: the email of an earlier profile of this block or the previous ones
            long other = Math.max(1, id - 1 - r.nextInt((int) Math.min(id - 1, 5_000)));
            email(b, new SplittableRandom(seed * 31 + other), other);
        } else if (emailKind < 4) {
            b.append(ascii(first)).append('.').append(ascii(last)).append(id).append(r.nextBoolean() ? "@" : ".example.com");
        } else {
            email(b, new SplittableRandom(seed * 31 + id), id);
        }
        b.append(',');
        quoteIfNeeded(b, first).append(',');
        quoteIfNeeded(b, last).append(',');
        if (r.nextInt(100) >= 15) {
            b.append('+').append(phonePrefix(place[0]));
            for (int i = 0; i < 9; i++) {
                b.append((char) ('0' + r.nextInt(10)));
            }
        }
        b.append(',').append(place[0]).append(',').append(place[1]).append(',').append(place[2]).append(',').append(place[3])
                .append(',');
        if (r.nextInt(100) >= 5) {
            b.append(LocalDate.ofEpochDay(asOf / 86_400 - 365L * (18 + r.nextInt(60)) - r.nextInt(365)));
        }
        b.append(',').append(Instant.ofEpochSecond(signup)).append(',');
        b.append(spend > 2_000 ? "platinum" : spend > 800 ? "gold" : spend > 200 ? "silver" : "bronze").append(',');
        b.append(r.nextInt(100) < 78).append(',').append(r.nextInt(100) < 55).append(',').append(r.nextInt(100) < 45).append(',');
        cents(b, Math.round(spend * 100)).append('\n');
        if (purchases < 0) {
            throw new IllegalStateException();
        }
    }

    private static void email(StringBuilder b, SplittableRandom r, long id) {
        String first = FIRST[r.nextInt(FIRST.length)];
        String last = LAST[r.nextInt(LAST.length)];
        b.append(ascii(first)).append('.').append(ascii(last)).append(id % 997 == 0 ? "" : Long.toString(id))
                .append('@').append(DOMAINS[r.nextInt(DOMAINS.length)]);
    }

    private static String ascii(String name) {
        String plain = java.text.Normalizer.normalize(name, java.text.Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return plain.toLowerCase().replace("'", "").replace(" ", "").replace("ı", "i").replace("ø", "o");
    }

    private static StringBuilder quoteIfNeeded(StringBuilder b, String s) {
        return s.indexOf(',') >= 0 || s.indexOf('"') >= 0 ? b.append('"').append(s.replace("\"", "\"\"")).append('"') : b.append(s);
    }

    private static String phonePrefix(String country) {
        return switch (country) {
            case "FR" -> "336";
            case "DE" -> "4915";
            case "GB" -> "447";
            case "IE" -> "3538";
            case "ES" -> "346";
            case "IT" -> "393";
            case "NL" -> "316";
            case "BE" -> "324";
            case "PL" -> "485";
            case "SE" -> "467";
            case "PT" -> "3519";
            case "US", "CA" -> "1";
            case "JP" -> "8190";
            default -> "614";
        };
    }

    private static StringBuilder hex(StringBuilder b, SplittableRandom r, int length) {
        for (int i = 0; i < length; i++) {
            b.append(Character.forDigit(r.nextInt(16), 16));
        }
        return b;
    }

    private static StringBuilder cents(StringBuilder b, long cents) {
        b.append(cents / 100).append('.');
        long c = cents % 100;
        return b.append(c < 10 ? "0" : "").append(c);
    }

    private static long price(long product) {
        long h = product * 0x9E3779B97F4A7C15L;
        return 499 + Math.floorMod(h >>> 17, 30_000L);
    }

    private static int weighted(SplittableRandom r) {
        int total = 0;
        for (int w : PLACE_WEIGHTS) {
            total += w;
        }
        int pick = r.nextInt(total);
        for (int i = 0; i < PLACE_WEIGHTS.length; i++) {
            pick -= PLACE_WEIGHTS[i];
            if (pick < 0) {
                return i;
            }
        }
        return 0;
    }

    private long writeProducts(Path file) throws IOException {
        SplittableRandom r = new SplittableRandom(seed);
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("id,sku,name,category,brand,price\n");
            for (int id = 1; id <= products; id++) {
                String category = CATEGORIES[r.nextInt(CATEGORIES.length)];
                String brand = BRANDS[r.nextInt(BRANDS.length)];
                StringBuilder b = new StringBuilder();
                b.append(id).append(",SKU-").append(100_000 + id).append(',').append(brand).append(' ').append(category)
                        .append(" #").append(id).append(',').append(category).append(',').append(brand).append(',');
                cents(b, price(id)).append('\n');
                w.write(b.toString());
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return products;
    }

    private long writeStores(Path file) throws IOException {
        SplittableRandom r = new SplittableRandom(seed + 1);
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("id,name,city,country,opened_on\n");
            for (int id = 1; id <= stores; id++) {
                String[] p = PLACES[weighted(r)];
                w.write(id + ",Herald Store " + p[1] + " " + id + "," + p[1] + "," + p[0] + ","
                        + LocalDate.ofEpochDay(asOf / 86_400 - 365L * (1 + r.nextInt(25)) - r.nextInt(365)) + "\n");
            }
        }
        return stores;
    }
}
