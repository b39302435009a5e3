package dev.ferry.cli;

import dev.ferry.aws.AwsRegion;
import dev.ferry.bootstrap.render.CniPlugins;
import dev.ferry.bootstrap.render.RegistryMirror;
import dev.ferry.bootstrap.render.UserDataFormat;
import dev.ferry.cli.image.AmiId;
import dev.ferry.cli.image.BucketName;
import dev.ferry.error.FerryException;
import dev.ferry.format.ByteSize;
import dev.ferry.format.Sizes;
import dev.ferry.mirror.asset.Arch;
import dev.ferry.mirror.asset.SourceMirror;
import dev.ferry.mirror.catalog.DnsMode;
import dev.ferry.mirror.catalog.Networking;
import dev.ferry.mirror.catalog.PlannedImage;
import dev.ferry.mirror.catalog.Version;
import dev.ferry.mirror.layout.Layout;
import dev.ferry.mirror.store.MirrorTarget;
import dev.ferry.registry.ref.ImageNaming;
import dev.ferry.registry.ref.RegistryTarget;
import dev.ferry.vpc.check.Topology;
import java.time.Duration;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.ITypeConverter;

/**
 * The typed values of Ferry's flags: picocli turns the text into the value before a command runs, so no command
 * parses a String option itself, and a bad value is bad usage (exit 2) naming the flag.
 */
final class Converters {
    private Converters() {}

    static void register(CommandLine cli) {
        cli.registerConverter(Layout.class, converter(Layout::parse));
        cli.registerConverter(Arch.class, converter(Arch::parse));
        cli.registerConverter(Networking.class, converter(Networking::parse));
        cli.registerConverter(DnsMode.class, converter(DnsMode::parse));
        cli.registerConverter(PlannedImage.class, converter(t -> PlannedImage.given(t, "--image")));
        cli.registerConverter(Version.class, converter(t -> Version.parse(t, "the version")));
        cli.registerConverter(MirrorTarget.class, converter(MirrorTarget::parse));
        cli.registerConverter(SourceMirror.class, converter(SourceMirror::parse));
        cli.registerConverter(Duration.class, converter(t -> Sizes.parseDuration(t, "the value")));
        cli.registerConverter(ByteSize.class, converter(t -> ByteSize.parse(t, "the value")));
        cli.registerConverter(AwsRegion.class, converter(t -> AwsRegion.parse(t, "the value")));
        cli.registerConverter(AmiId.class, converter(AmiId::new));
        cli.registerConverter(BucketName.class, converter(BucketName::new));
        cli.registerConverter(UserDataFormat.class, converter(UserDataFormat::parse));
        cli.registerConverter(CniPlugins.class, converter(CniPlugins::parse));
        cli.registerConverter(RegistryMirror.class, converter(RegistryMirror::parse));
        cli.registerConverter(Topology.class, converter(Topology::parse));
        cli.registerConverter(RegistryTarget.class, converter(RegistryTarget::parse));
        cli.registerConverter(ImageNaming.class, converter(ImageNaming::parse));
        cli.registerConverter(dev.ferry.mirror.signature.SignaturePolicy.class, converter(dev.ferry.mirror.signature.SignaturePolicy::parse));
        cli.registerConverter(OutputFormat.class, converter(t -> OutputFormat.named(t).orElseThrow(() -> OutputFormat.unknown(t, "text or json (mirror env also takes shell)"))));
    }

    /** A parse method as a converter; its error becomes picocli's "Invalid value for option '--x': …" (exit 2). */
    static <T> ITypeConverter<T> converter(Function<String, T> parse) {
        return text -> {
            try {
                return parse.apply(text);
            } catch (FerryException e) {
                throw new CommandLine.TypeConversionException(e.getMessage() + e.hint().map(h -> " (" + h + ")").orElse(""));
            }
        };
    }
}
