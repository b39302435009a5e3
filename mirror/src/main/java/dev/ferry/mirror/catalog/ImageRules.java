package dev.ferry.mirror.catalog;

import dev.ferry.mirror.catalog.Catalog.ImageRule;
import dev.ferry.mirror.catalog.Catalog.ValueRule;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The catalog's image rules: the images a cluster pulls for a kOps release, Kubernetes version, networking and
 * DNS mode, evaluated by the same conditions and values as the files.
 */
final class ImageRules {
    /** The value naming the DNS mode {@code kops create cluster} picks when it is given none. */
    static final String DEFAULT_DNS = "defaultDns";

    private final List<ImageRule> rules;

    ImageRules(List<ImageRule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** kOps's default: what {@code kops create cluster} picks without {@code --dns} (route53 where the catalog says nothing). */
    static DnsMode defaultDns(Map<String, ValueRule> chosen) {
        ValueRule rule = chosen.get(DEFAULT_DNS);
        return rule == null ? DnsMode.ROUTE53 : DnsMode.parse(rule.value());
    }

    /** The images, one per reference, sorted by reference; {@code notes} gets what the user should know about them. */
    List<PlannedImage> plan(CatalogRequest request, Version rulesKops, Version kops, Version k8s, DnsMode dns,
            Map<String, ValueRule> chosen, List<String> notes) {
        Map<String, String> vars = new HashMap<>();
        chosen.forEach((name, rule) -> vars.put(name, rule.value()));
        vars.put("kops", kops.text().replace('+', '-')); // kOps tags its images so (KopsVersionImageTag)
        vars.put("kubernetes", k8s.text());
        Map<String, PlannedImage> byReference = new TreeMap<>();
        Set<String> said = new LinkedHashSet<>();
        for (ImageRule rule : rules) {
            if (!rule.when().holds(rulesKops, k8s.release(), request, dns, Optional.empty(), chosen)) {
                continue;
            }
            for (String template : rule.images()) {
                String reference = Catalog.expand(template, vars, rule.where());
                String kind = rule.kind().orElseGet(() -> PlannedImage.kindOf(reference));
                byReference.putIfAbsent(reference, new PlannedImage(reference, kind, origin(rule, template, chosen)));
            }
            if (rule.origin() instanceof Origin.Unconfirmed u) {
                said.add(String.join(", ", rule.images()) + " is not confirmed from kOps's source: " + u.why());
            }
            said.addAll(Catalog.unconfirmedValues(rule.when(), rule.images(), chosen));
        }
        List<String> out = new ArrayList<>();
        if (byReference.isEmpty()) {
            out.add("Ferry's catalog has no images for kOps " + kops.line() + ": name them with --image, or take them from `kops get assets`");
        } else {
            if (request.dns().isEmpty()) {
                out.add(defaultDnsNote(kops, dns, chosen));
            }
            if (request.networking() == Networking.CILIUM || request.networking() == Networking.CALICO) {
                out.add("networking " + request.networking() + ": its own images are not in Ferry's catalog; name them with --image "
                        + "(`kops get assets` lists them)");
            }
        }
        out.addAll(said);
        notes.addAll(out);
        return List.copyOf(byReference.values());
    }

    private static String defaultDnsNote(Version kops, DnsMode dns, Map<String, ValueRule> chosen) {
        String from = chosen.containsKey(DEFAULT_DNS) ? "kOps " + kops.line() + "'s default for `kops create cluster`"
                + (dns == DnsMode.NONE ? " without --dns-zone" : "") : "assumed";
        return "DNS " + dns + " (" + from + "): " + (dns == DnsMode.NONE
                ? "no dns-controller; pass --dns route53 for a cluster with a Route 53 zone"
                : "dns-controller included; pass --dns none for a cluster created with --dns none, as AWS China clusters are");
    }

    /** A value's rule says where its version was read, so it is the image's origin when the rule itself is read. */
    private static Origin origin(ImageRule rule, String template, Map<String, ValueRule> chosen) {
        if (rule.origin() instanceof Origin.Read) {
            for (String name : Catalog.placeholders(template)) {
                ValueRule value = chosen.get(name);
                if (value != null) {
                    return value.origin();
                }
            }
        }
        return rule.origin();
    }
}
