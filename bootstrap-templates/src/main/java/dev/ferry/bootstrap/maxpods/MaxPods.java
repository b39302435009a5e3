package dev.ferry.bootstrap.maxpods;

import java.util.List;
import java.util.OptionalInt;

/**
 * The kubelet max-pods for one instance type and networking mode.
 *
 * @param maxPods    the value to give kubelet: the uncapped value, capped unless the cap was turned off
 * @param uncapped   what the ENIs and addresses allow
 * @param enis       ENIs that carry pod addresses (one fewer than the card has with custom networking)
 * @param ipv4PerEni IPv4 addresses per ENI
 * @param networking the mode actually used (prefix delegation is dropped where the instance cannot use it)
 * @param cap        110 (≤ 30 vCPUs) or 250, empty when the cap was turned off
 * @param notes      why something was dropped or adjusted
 */
public record MaxPods(String instanceType, int maxPods, int uncapped, int enis, int ipv4PerEni, PodNetworking networking,
        OptionalInt cap, int vcpus, String source, List<String> notes) {
    public MaxPods {
        notes = List.copyOf(notes);
    }
}
