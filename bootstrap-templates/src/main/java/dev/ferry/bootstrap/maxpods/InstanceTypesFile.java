package dev.ferry.bootstrap.maxpods;

import dev.ferry.format.Yaml;
import dev.ferry.format.YamlNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The JSON {@code aws ec2 describe-instance-types} prints ({@code {"InstanceTypes": [...]}}), for admins
 * who cannot call the EC2 API from where they render. Read with {@link Yaml} (YAML 1.2 reads JSON), so a
 * malformed file is reported with its line.
 */
public final class InstanceTypesFile implements InstanceTypeSource {
    private final String name;
    private final Map<String, InstanceLimits> types;

    private InstanceTypesFile(String name, Map<String, InstanceLimits> types) {
        this.name = name;
        this.types = types;
    }

    public static InstanceTypesFile read(Path file) {
        return parse(Yaml.read(file), "file " + file);
    }

    public static InstanceTypesFile parse(String text, String name) {
        return parse(Yaml.parse(text, name), "file " + name);
    }

    private static InstanceTypesFile parse(YamlNode rootNode, String name) {
        List<YamlNode> items;
        if (rootNode.isList()) {
            items = rootNode.list("instance types");
        } else {
            YamlNode list = rootNode.map("the describe-instance-types output").get("InstanceTypes");
            if (list == null) {
                throw rootNode.error("no InstanceTypes list", "give the JSON that `aws ec2 describe-instance-types --output json` prints");
            }
            items = list.list("InstanceTypes");
        }
        Map<String, InstanceLimits> types = new LinkedHashMap<>();
        for (YamlNode item : items) {
            InstanceLimits l = limits(item, name);
            types.put(l.instanceType(), l);
        }
        return new InstanceTypesFile(name, types);
    }

    private static InstanceLimits limits(YamlNode item, String source) {
        Map<String, YamlNode> m = item.map("an instance type");
        String type = YamlNode.requireString(item, m, "InstanceType");
        Map<String, YamlNode> net = require(item, m, "NetworkInfo").map("NetworkInfo");
        YamlNode netNode = m.get("NetworkInfo");
        Map<String, YamlNode> cpu = require(item, m, "VCpuInfo").map("VCpuInfo");
        List<InstanceLimits.NetworkCard> cards = new ArrayList<>();
        YamlNode cardList = net.get("NetworkCards");
        if (cardList != null) {
            for (YamlNode c : cardList.list("NetworkCards")) {
                Map<String, YamlNode> cm = c.map("a network card");
                cards.add(new InstanceLimits.NetworkCard((int) require(c, cm, "NetworkCardIndex").number("NetworkCardIndex"),
                        (int) require(c, cm, "MaximumNetworkInterfaces").number("MaximumNetworkInterfaces")));
            }
        }
        Optional<Integer> defaultCard = Optional.ofNullable(net.get("DefaultNetworkCardIndex"))
                .map(n -> (int) n.number("DefaultNetworkCardIndex"));
        return InstanceLimits.of(type,
                (int) require(netNode, net, "MaximumNetworkInterfaces").number("MaximumNetworkInterfaces"),
                (int) require(netNode, net, "Ipv4AddressesPerInterface").number("Ipv4AddressesPerInterface"),
                defaultCard, cards,
                (int) require(m.get("VCpuInfo"), cpu, "DefaultVCpus").number("DefaultVCpus"),
                YamlNode.optString(m, "Hypervisor").orElse(""),
                Optional.ofNullable(m.get("BareMetal")).map(n -> n.bool("BareMetal")).orElse(false),
                source);
    }

    private static YamlNode require(YamlNode parent, Map<String, YamlNode> m, String key) {
        YamlNode n = m.get(key);
        if (n == null) {
            throw parent.error("missing '" + key + "'", "give the full JSON of `aws ec2 describe-instance-types`");
        }
        return n;
    }

    @Override
    public Optional<InstanceLimits> find(String instanceType) {
        return Optional.ofNullable(types.get(instanceType));
    }

    @Override
    public String describe() {
        return name;
    }

    public int size() {
        return types.size();
    }
}
