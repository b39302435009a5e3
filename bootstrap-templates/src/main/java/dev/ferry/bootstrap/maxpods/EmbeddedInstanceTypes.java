package dev.ferry.bootstrap.maxpods;

import dev.ferry.error.FerryException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ENI limits Ferry carries for every instance type (the Amazon VPC CNI's own table, see
 * {@code instance-eni-limits.md} beside the data): max-pods without a network or a file. The table has no
 * vCPU counts; they are inferred from the size name, which only the 110/250 cap uses.
 */
public final class EmbeddedInstanceTypes implements InstanceTypeSource {
    /** When the table was taken: the VPC CNI commit it comes from. */
    public static final LocalDate TAKEN = LocalDate.of(2026, 8, 20);
    static final String ORIGIN = "amazon-vpc-cni-k8s v1.23.1 (b5218838)";
    private static final Pattern SIZE = Pattern.compile("(\\d*)xlarge|metal-(\\d+)xl");

    private final Map<String, InstanceLimits> types;
    private final String description;

    private EmbeddedInstanceTypes(Map<String, InstanceLimits> types, String description) {
        this.types = types;
        this.description = description;
    }

    /** The table, with its age as of {@code clock}'s today in the description. */
    public static EmbeddedInstanceTypes load(Clock clock) {
        long days = ChronoUnit.DAYS.between(TAKEN, LocalDate.now(clock));
        String description = "Ferry's embedded table (" + ORIGIN + ", taken " + TAKEN + ", " + days + " days ago; vCPUs inferred from the size)";
        try (InputStream in = EmbeddedInstanceTypes.class.getResourceAsStream("instance-eni-limits.tsv")) {
            if (in == null) {
                throw new FerryException("the embedded instance type table is missing from this build", "rebuild Ferry");
            }
            return new EmbeddedInstanceTypes(parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)), description), description);
        } catch (IOException e) {
            throw new FerryException("cannot read the embedded instance type table: " + e.getMessage(), "rebuild Ferry");
        }
    }

    private static Map<String, InstanceLimits> parse(BufferedReader reader, String source) throws IOException {
        List<String[]> rows = new ArrayList<>();
        Map<String, Integer> largestOfFamily = new HashMap<>();
        String line = reader.readLine(); // header
        while ((line = reader.readLine()) != null) {
            String[] f = line.split("\t");
            rows.add(f);
            sizeVcpus(f[0]).ifPresent(v -> largestOfFamily.merge(family(f[0]), v, Math::max));
        }
        Map<String, InstanceLimits> types = new LinkedHashMap<>();
        for (String[] f : rows) {
            String type = f[0];
            int vcpus = sizeVcpus(type).orElseGet(() -> largestOfFamily.getOrDefault(family(type), 32));
            List<InstanceLimits.NetworkCard> cards = new ArrayList<>();
            for (String card : f[7].split(";")) {
                String[] ic = card.split(":");
                cards.add(new InstanceLimits.NetworkCard(Integer.parseInt(ic[0]), Integer.parseInt(ic[1])));
            }
            types.put(type, InstanceLimits.of(type, Integer.parseInt(f[1]), Integer.parseInt(f[2]), Optional.of(Integer.parseInt(f[3])), cards,
                    vcpus, f[4].equals("unknown") ? "" : f[4], Boolean.parseBoolean(f[5]), source));
        }
        return types;
    }

    /** vCPUs by the size name: nano to large 2, xlarge 4, Nxlarge and metal-Nxl 4N; empty for a plain metal. */
    static Optional<Integer> sizeVcpus(String type) {
        String size = type.substring(type.indexOf('.') + 1);
        Matcher m = SIZE.matcher(size);
        if (m.matches()) {
            String n = m.group(1) != null ? m.group(1) : m.group(2);
            return Optional.of(4 * (n.isEmpty() ? 1 : Integer.parseInt(n)));
        }
        return size.equals("metal") ? Optional.empty() : Optional.of(2);
    }

    private static String family(String type) {
        return type.substring(0, type.indexOf('.'));
    }

    @Override
    public Optional<InstanceLimits> find(String instanceType) {
        return Optional.ofNullable(types.get(instanceType));
    }

    @Override
    public String describe() {
        return description;
    }

    public int size() {
        return types.size();
    }
}
