package dev.ferry.cli.bootstrap;

import dev.ferry.bootstrap.maxpods.MaxPods;
import java.util.LinkedHashMap;
import java.util.Map;

/** How a max-pods result is shown: one line for people, a JSON object for pipelines. */
final class MaxPodsView {
    private MaxPodsView() {}

    static Map<String, Object> json(MaxPods m) {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("instanceType", m.instanceType());
        j.put("maxPods", m.maxPods());
        j.put("uncapped", m.uncapped());
        j.put("enis", m.enis());
        j.put("ipv4PerEni", m.ipv4PerEni());
        j.put("mode", m.networking().mode());
        j.put("cap", m.cap());
        j.put("vcpus", m.vcpus());
        j.put("source", m.source());
        j.put("notes", m.notes());
        return j;
    }

    /** "m5.large, default: 3 ENIs x (10 - 1) + 2 = 29, cap 110 for 2 vCPUs". */
    static String explain(MaxPods m) {
        String formula = m.enis() + " ENIs x (" + m.ipv4PerEni() + " - 1)"
                + (m.networking().prefixDelegation() ? " x 16" : "") + " + 2 = " + m.uncapped();
        String cap = m.cap().isPresent() ? (m.maxPods() < m.uncapped() ? ", capped at " : ", cap ") + m.cap().getAsInt() + " for " + m.vcpus() + " vCPUs"
                : ", no cap";
        return m.instanceType() + ", " + m.networking().mode() + ": " + formula + cap;
    }
}
