package io.lblab.blueprint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Which tags on an Azure resource (or resource group) belong to the operator, so that a tag removed from
 * {@code spec.tags} is removed in Azure while tags someone else added are left alone.
 * <p>
 * The operator writes {@code spec.tags}, its own {@code lblab.io/} tags and, when {@code spec.tags} is not empty,
 * the record tag {@value #RECORD_TAG} naming the keys of {@code spec.tags} it applied. A tag Azure holds is
 * <b>owned</b> when its key starts with {@value #RESERVED_PREFIX} (the spec may not use that prefix) or is named by
 * the record Azure holds; it is <b>foreign</b> otherwise. Against a desired tag set:
 * <ul>
 *   <li>a desired tag missing in Azure, or with another value (values are case-sensitive), is drift;</li>
 *   <li>an owned tag the desired set lacks is drift ({@link #stale}): the key was removed from the spec;</li>
 *   <li>a foreign tag is not drift, and a write keeps it ({@link #toWrite}): ARM replaces the whole tag set on a
 *       PUT, so the operator sends the foreign tags back, as many as fit in Azure's {@value #MAX_TAGS}.</li>
 * </ul>
 * Tag names are case-insensitive in Azure, and so are they here. A key listed in {@code spec.tags} becomes the
 * operator's even if someone else put it there first.
 * <p>
 * The record lists the keys sorted and comma-separated ({@code "cost-center,team"}) when that fits Azure's
 * {@value #MAX_VALUE_LENGTH} characters of a tag value and no key holds a comma; otherwise it is
 * {@value #DIGEST_FORM} followed by 6 characters (base64url of SHA-256 of the lower-cased key) per key: 40 keys
 * take 247 characters. The tag count stays within Azure's 50: at most 40 user tags (CRD and operator validation),
 * the record and {@code lblab.io/managed-by} on a resource, three ownership tags more on the group.
 */
public final class OwnedTags {

    /** Tag naming the {@code spec.tags} keys the operator applied. */
    public static final String RECORD_TAG = "lblab.io/tags";
    /** Prefix of the operator's own tags; {@code spec.tags} may not use it. */
    public static final String RESERVED_PREFIX = "lblab.io/";
    /** Azure: at most 50 tags on a resource or resource group. */
    public static final int MAX_TAGS = 50;
    /** Azure: a tag value holds at most 256 characters. */
    public static final int MAX_VALUE_LENGTH = 256;
    /** Marks a record of digests rather than key names. */
    public static final String DIGEST_FORM = "sha256:";
    private static final int DIGEST_CHARS = 6;

    private OwnedTags() {
    }

    /** The desired tags: the user's, the operator's own, and the record of the user's keys when there are any. */
    static Map<String, String> withRecord(Map<String, String> userTags, Map<String, String> operatorTags) {
        Map<String, String> tags = new TreeMap<>(userTags);
        tags.putAll(operatorTags);
        record(userTags.keySet()).ifPresent(record -> tags.put(RECORD_TAG, record));
        return tags;
    }

    /** The record's value for these keys of {@code spec.tags}; empty when there are none. */
    public static Optional<String> record(Collection<String> keys) {
        if (keys.isEmpty()) {
            return Optional.empty();
        }
        List<String> sorted = new ArrayList<>(keys);
        sorted.sort(String.CASE_INSENSITIVE_ORDER.thenComparing(Comparator.naturalOrder()));
        String names = String.join(",", sorted);
        if (names.length() <= MAX_VALUE_LENGTH && !names.startsWith(DIGEST_FORM) && sorted.stream().noneMatch(k -> k.contains(","))) {
            return Optional.of(names);
        }
        // 41 keys fit (7 + 6 * 41 = 253); the spec allows 40 (SpecValidator refuses more before anything is written)
        StringBuilder record = new StringBuilder(DIGEST_FORM);
        sorted.stream().map(k -> digest(k).substring(0, DIGEST_CHARS)).sorted().distinct().forEach(record::append);
        return Optional.of(record.toString());
    }

    /** Whether the record (as Azure holds it; null when absent) names this key. */
    public static boolean recorded(String record, String key) {
        if (record == null || record.isEmpty()) {
            return false;
        }
        if (record.startsWith(DIGEST_FORM)) {
            String digests = record.substring(DIGEST_FORM.length());
            String digest = digest(key);
            for (int i = 0; i + DIGEST_CHARS <= digests.length(); i += DIGEST_CHARS) {
                if (digests.regionMatches(i, digest, 0, DIGEST_CHARS)) {
                    return true;
                }
            }
            return false;
        }
        for (String name : record.split(",", -1)) {
            if (name.equalsIgnoreCase(key)) {
                return true;
            }
        }
        return false;
    }

    /** Whether a tag Azure holds, next to the record Azure holds, is the operator's. */
    public static boolean owned(String key, String record) {
        return key.regionMatches(true, 0, RESERVED_PREFIX, 0, RESERVED_PREFIX.length()) || recorded(record, key);
    }

    /** The first key (in key order) Azure holds that is the operator's and no longer desired; empty when none. */
    public static Optional<String> stale(Map<String, String> desired, Map<String, String> observed) {
        observed = orEmpty(observed);
        String record = get(observed, RECORD_TAG);
        return observed.keySet().stream()
                .filter(key -> !containsKey(desired, key) && owned(key, record))
                .min(String.CASE_INSENSITIVE_ORDER);
    }

    /** The first desired key Azure lacks or holds with another value; empty when none. Values are case-sensitive. */
    public static Optional<String> missing(Map<String, String> desired, Map<String, String> observed) {
        Map<String, String> held = orEmpty(observed);
        return desired.entrySet().stream()
                .filter(e -> !e.getValue().equals(get(held, e.getKey())))
                .map(Map.Entry::getKey)
                .min(String.CASE_INSENSITIVE_ORDER);
    }

    /** Whether Azure's tags need a write: a desired tag missing or different, or an owned tag no longer desired. */
    public static boolean differ(Map<String, String> desired, Map<String, String> observed) {
        return missing(desired, observed).isPresent() || stale(desired, observed).isPresent();
    }

    /**
     * The tag set to PUT: the desired tags plus the foreign ones Azure holds (in key order, as many as fit in
     * {@value #MAX_TAGS}); owned tags no longer desired are left out, which removes them.
     */
    public static Map<String, String> toWrite(Map<String, String> desired, Map<String, String> observed) {
        Map<String, String> held = orEmpty(observed);
        Map<String, String> tags = new TreeMap<>(desired);
        String record = get(held, RECORD_TAG);
        int room = MAX_TAGS - desired.size();
        List<String> foreign = held.keySet().stream()
                .filter(key -> !containsKey(desired, key) && !owned(key, record))
                .sorted(String.CASE_INSENSITIVE_ORDER)
                .toList();
        for (String key : foreign) {
            if (room-- <= 0) {
                break;
            }
            tags.put(key, held.get(key));
        }
        return tags;
    }

    /**
     * The body to PUT over an existing resource: the desired body with its {@code tags} replaced by
     * {@link #toWrite} of the desired and observed tags. The desired body is not changed.
     */
    public static ObjectNode bodyToWrite(ObjectNode desiredBody, JsonNode observedBody) {
        ObjectNode body = desiredBody.deepCopy();
        JsonNode observedTags = observedBody == null ? null : observedBody.get("tags");
        if (!body.path("tags").isObject() || observedTags == null || !observedTags.isObject()) {
            return body;
        }
        ObjectNode tags = body.putObject("tags");
        toWrite(asMap(desiredBody.get("tags")), asMap(observedTags)).forEach(tags::put);
        return body;
    }

    /** A JSON object of tags as a map (non-text values as their text); empty for anything else. */
    public static Map<String, String> asMap(JsonNode tags) {
        Map<String, String> map = new LinkedHashMap<>();
        if (tags != null && tags.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = tags.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                map.put(field.getKey(), field.getValue().isNull() ? "" : field.getValue().asText());
            }
        }
        return map;
    }

    /** Azure omits {@code tags} when a resource has none. */
    private static Map<String, String> orEmpty(Map<String, String> tags) {
        return tags == null ? Map.of() : tags;
    }

    private static boolean containsKey(Map<String, String> tags, String key) {
        return tags.containsKey(key) || tags.keySet().stream().anyMatch(key::equalsIgnoreCase);
    }

    /** The value of a tag, its name matched case-insensitively (an exact match first); null when absent. */
    private static String get(Map<String, String> tags, String key) {
        String exact = tags.get(key);
        if (exact != null) {
            return exact;
        }
        return tags.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(key)).map(Map.Entry::getValue)
                .findFirst().orElse(null);
    }

    private static String digest(String key) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
