package dev.ferry.image.config;

import dev.ferry.error.FerryException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The AMI name, e.g. {@code kops-node-{kubernetes}-{date}}. Placeholders: {@code {date}} (UTC yyyyMMdd),
 * {@code {time}} (UTC yyyyMMdd-HHmmss) and the {@code variables} of image.yaml. A name without {@code {time}}
 * is stable within a day, which is what makes a re-run skip an AMI that already exists.
 */
public final class NameTemplate {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z][A-Za-z0-9_.-]*)}");
    /** What EC2 accepts in an AMI name. */
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9()\\[\\] ./'@_-]{3,128}");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final String template;
    private final Map<String, String> variables;
    private final String where;

    public NameTemplate(String template, Map<String, String> variables, String where) {
        this.template = template;
        this.variables = Map.copyOf(variables);
        this.where = where;
    }

    public String template() {
        return template;
    }

    /** Checks the template at load time, so a typo fails before anything is launched. */
    public void validate() {
        render(Instant.EPOCH);
    }

    public String render(Instant now) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String key = m.group(1);
            String value = switch (key) {
                case "date" -> DATE.format(now);
                case "time" -> TIME.format(now);
                default -> {
                    String v = variables.get(key);
                    if (v == null) {
                        throw FerryException.badInput(where + ": the image name uses {" + key + "}, which is not defined",
                                "define it under 'variables:' or use {date} / {time}");
                    }
                    yield v;
                }
            };
            m.appendReplacement(sb, Matcher.quoteReplacement(value));
        }
        m.appendTail(sb);
        String name = sb.toString();
        if (!VALID.matcher(name).matches()) {
            throw FerryException.badInput(where + ": the image name '" + name + "' is not a valid AMI name",
                    "use 3 to 128 letters, digits, spaces and ( ) [ ] . / ' @ _ -");
        }
        return name;
    }
}
