package dev.ferry.image.fake;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The EC2 Query API's request and answer forms, for the fake's VPC actions: {@code Name.N} lists, {@code Filter.N.Name}
 * / {@code Filter.N.Value.M}, XML escaping, {@code tagSet}s, and {@code MaxResults} / {@code NextToken} pages.
 */
final class Ec2Query {
    private final Map<String, String> params;
    private final BiFunction<String, String, RuntimeException> fault;

    Ec2Query(Map<String, String> params, BiFunction<String, String, RuntimeException> fault) {
        this.params = params;
        this.fault = fault;
    }

    String get(String key) {
        return params.get(key);
    }

    /** {@code prefix.1}, {@code prefix.2}, …: the SDK's flattened lists. */
    List<String> list(String prefix) {
        List<String> out = new ArrayList<>();
        for (int n = 1; params.containsKey(prefix + "." + n); n++) {
            out.add(params.get(prefix + "." + n));
        }
        return out;
    }

    /** Filter name → values; a filter this action does not know is refused, as EC2 does. */
    Map<String, List<String>> filters(String... known) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (int n = 1; params.containsKey("Filter." + n + ".Name"); n++) {
            String name = params.get("Filter." + n + ".Name");
            if (!List.of(known).contains(name) && !name.startsWith("tag:")) {
                throw fault("InvalidParameterValue", "The filter '" + name + "' is invalid");
            }
            out.put(name, list("Filter." + n + ".Value"));
        }
        return out;
    }

    /** {@code Tag.N.Key} / {@code Tag.N.Value} of CreateTags. */
    Map<String, String> tags() {
        Map<String, String> tags = new LinkedHashMap<>();
        for (int n = 1; params.containsKey("Tag." + n + ".Key"); n++) {
            tags.put(params.get("Tag." + n + ".Key"), params.getOrDefault("Tag." + n + ".Value", ""));
        }
        return tags;
    }

    RuntimeException fault(String code, String message) {
        return fault.apply(code, message);
    }

    /**
     * One page of {@code items} (already rendered {@code <item>}s) in {@code <setName>}, then {@code <nextToken>} when more
     * follow. Pages are at most {@code pageSize} long (smaller with {@code MaxResults}), so SDK paginators really page.
     */
    String page(String action, String setName, List<String> items, int pageSize) {
        int size = pageSize;
        if (params.containsKey("MaxResults")) {
            size = Math.min(size, Integer.parseInt(params.get("MaxResults")));
        }
        int from = 0;
        String token = params.get("NextToken");
        if (token != null) {
            String decoded = new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8);
            if (!decoded.startsWith(action + ":")) {
                throw fault("InvalidPaginationToken", "The pagination token is not valid for " + action);
            }
            from = Integer.parseInt(decoded.substring(action.length() + 1));
        }
        int to = Math.min(items.size(), from + Math.max(1, size));
        StringBuilder sb = new StringBuilder("<").append(setName).append('>');
        items.subList(Math.min(from, items.size()), to).forEach(sb::append);
        sb.append("</").append(setName).append('>');
        if (to < items.size()) {
            sb.append("<nextToken>").append(Base64.getEncoder().encodeToString((action + ":" + to).getBytes(StandardCharsets.UTF_8)))
              .append("</nextToken>");
        }
        return sb.toString();
    }

    static String tagSet(Map<String, String> tags) {
        StringBuilder sb = new StringBuilder("<tagSet>");
        tags.forEach((k, v) -> sb.append("<item><key>").append(esc(k)).append("</key><value>").append(esc(v)).append("</value></item>"));
        return sb.append("</tagSet>").toString();
    }

    /** {@code <name>value</name>}, escaped. */
    static String el(String name, Object value) {
        return "<" + name + ">" + esc(String.valueOf(value)) + "</" + name + ">";
    }

    static String esc(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
