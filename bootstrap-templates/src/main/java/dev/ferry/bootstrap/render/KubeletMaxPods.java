package dev.ferry.bootstrap.render;

import dev.ferry.bootstrap.maxpods.InstanceTypeSource;
import dev.ferry.error.FerryException;
import java.util.Objects;

/** What the user-data sets kubelet's {@code maxPods} to: kubelet's default (110), a number, or the value for an instance type. */
public sealed interface KubeletMaxPods {

    /** kubelet's own default applies. */
    record KubeletDefault() implements KubeletMaxPods {}

    /** A number chosen by the operator, 1 to 1000. */
    record Given(int value) implements KubeletMaxPods {
        public Given {
            if (value < 1 || value > 1000) {
                throw FerryException.badInput("max-pods " + value + " is out of range", "give a number from 1 to 1000");
            }
        }
    }

    /**
     * Computed for the Amazon VPC CNI from the instance type's limits (as {@code ferry bootstrap max-pods} does), with the
     * render's pod networking; {@code limits} is asked only when the render gets that far.
     */
    record ForInstanceType(String instanceType, InstanceTypeSource limits, boolean cap) implements KubeletMaxPods {
        public ForInstanceType {
            Objects.requireNonNull(instanceType, "instanceType");
            Objects.requireNonNull(limits, "limits");
            instanceType = instanceType.trim();
        }
    }

    /** kubelet's default. */
    static KubeletMaxPods kubeletDefault() {
        return new KubeletDefault();
    }
}
