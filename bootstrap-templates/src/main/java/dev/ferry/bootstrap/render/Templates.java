package dev.ferry.bootstrap.render;

import java.io.StringWriter;
import java.util.Map;
import java.util.Properties;
import org.apache.velocity.Template;
import org.apache.velocity.VelocityContext;
import org.apache.velocity.app.VelocityEngine;
import org.apache.velocity.runtime.RuntimeConstants;
import org.apache.velocity.runtime.resource.loader.ClasspathResourceLoader;

/**
 * The Velocity engine over the templates under {@code dev/ferry/bootstrap/templates/}. Strict mode:
 * a reference the model does not provide fails the render instead of leaking {@code $name} into a script.
 */
public final class Templates {
    private static final String ROOT = "dev/ferry/bootstrap/templates/";
    private final VelocityEngine engine;

    public Templates() {
        Properties p = new Properties();
        p.setProperty(RuntimeConstants.RESOURCE_LOADERS, "classpath");
        p.setProperty("resource.loader.classpath.class", ClasspathResourceLoader.class.getName());
        p.setProperty(RuntimeConstants.RUNTIME_REFERENCES_STRICT, "true");
        p.setProperty(RuntimeConstants.INPUT_ENCODING, "UTF-8");
        engine = new VelocityEngine(p);
        engine.init();
    }

    /** Renders {@code name} (e.g. {@code node-bootstrap.sh.vm}) with the given model. */
    public String render(String name, Map<String, Object> model) {
        Template t = engine.getTemplate(ROOT + name, "UTF-8");
        VelocityContext ctx = new VelocityContext();
        model.forEach(ctx::put);
        StringWriter w = new StringWriter();
        t.merge(ctx, w);
        return w.toString();
    }
}
