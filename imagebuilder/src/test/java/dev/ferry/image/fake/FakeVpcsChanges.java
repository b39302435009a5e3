package dev.ferry.image.fake;

import static dev.ferry.image.fake.Ec2Query.el;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The modifying VPC actions of the fake EC2, for tests that run the fixes the check prints (with the real AWS CLI)
 * and check again: ModifyVpcAttribute, ModifySubnetAttribute, ModifyInstanceAttribute (source/dest check),
 * StartInstances, CreateTags, CreateRoute, ReplaceRoute, AssociateRouteTable, ReplaceRouteTableAssociation.
 */
final class FakeVpcsChanges {
    private FakeVpcsChanges() {}

    static Optional<String> answer(FakeVpcs f, String action, Ec2Query q) {
        return switch (action) {
            case "ModifyVpcAttribute" -> Optional.of(modifyVpc(f, q));
            case "ModifySubnetAttribute" -> Optional.of(modifySubnet(f, q));
            case "ModifyInstanceAttribute" -> f.natInstancesOnly(List.of(String.valueOf(q.get("InstanceId")))) ? Optional.of(modifyInstance(f, q))
                    : Optional.empty();
            case "StartInstances" -> f.natInstancesOnly(q.list("InstanceId")) ? Optional.of(start(f, q)) : Optional.empty();
            case "CreateTags" -> q.list("ResourceId").stream().allMatch(id -> tagsOf(f, id) != null) ? Optional.of(createTags(f, q)) : Optional.empty();
            case "CreateRoute", "ReplaceRoute" -> Optional.of(route(f, action, q));
            case "AssociateRouteTable" -> Optional.of(associate(f, q));
            case "ReplaceRouteTableAssociation" -> Optional.of(replaceAssociation(f, q));
            default -> Optional.empty();
        };
    }

    private static String modifyVpc(FakeVpcs f, Ec2Query q) {
        FakeVpcs.Vpc v = f.vpc(q, q.get("VpcId"));
        if (q.get("EnableDnsHostnames.Value") != null) {
            v.dnsHostnames = Boolean.parseBoolean(q.get("EnableDnsHostnames.Value"));
        } else if (q.get("EnableDnsSupport.Value") != null) {
            v.dnsSupport = Boolean.parseBoolean(q.get("EnableDnsSupport.Value"));
        } else {
            throw q.fault("MissingParameter", "The request must contain exactly one attribute to modify");
        }
        return el("return", true);
    }

    private static String modifySubnet(FakeVpcs f, Ec2Query q) {
        FakeVpcs.Subnet s = subnet(f, q, q.get("SubnetId"));
        if (q.get("MapPublicIpOnLaunch.Value") == null) {
            throw q.fault("MissingParameter", "The request must contain an attribute to modify");
        }
        s.mapPublicIp = Boolean.parseBoolean(q.get("MapPublicIpOnLaunch.Value"));
        return el("return", true);
    }

    private static String modifyInstance(FakeVpcs f, Ec2Query q) {
        FakeVpcs.NatInstance i = f.natInstances.get(q.get("InstanceId"));
        if (q.get("SourceDestCheck.Value") == null) {
            throw q.fault("MissingParameter", "The request must contain an attribute to modify");
        }
        i.sourceDestCheck = Boolean.parseBoolean(q.get("SourceDestCheck.Value"));
        return el("return", true);
    }

    private static String start(FakeVpcs f, Ec2Query q) {
        StringBuilder sb = new StringBuilder("<instancesSet>");
        for (String id : q.list("InstanceId")) {
            FakeVpcs.NatInstance i = f.natInstances.get(id);
            String previous = i.state;
            i.state = "running";
            sb.append("<item>").append(el("instanceId", id)).append("<currentState>").append(el("code", 0)).append(el("name", "pending"))
              .append("</currentState><previousState>").append(el("code", 80)).append(el("name", previous)).append("</previousState></item>");
        }
        return sb.append("</instancesSet>").toString();
    }

    private static String createTags(FakeVpcs f, Ec2Query q) {
        Map<String, String> tags = q.tags();
        q.list("ResourceId").forEach(id -> tagsOf(f, id).putAll(tags));
        return el("return", true);
    }

    private static Map<String, String> tagsOf(FakeVpcs f, String id) {
        if (f.subnets.containsKey(id)) {
            return f.subnets.get(id).tags;
        }
        return f.vpcs.containsKey(id) ? f.vpcs.get(id).tags : null;
    }

    private static String route(FakeVpcs f, String action, Ec2Query q) {
        FakeVpcs.RouteTable t = table(f, q, q.get("RouteTableId"));
        String destination = q.get("DestinationCidrBlock");
        String target = List.of("GatewayId", "NatGatewayId", "InstanceId", "TransitGatewayId", "NetworkInterfaceId").stream()
                .map(q::get).filter(v -> v != null).findFirst()
                .orElseThrow(() -> q.fault("MissingParameter", "The request must contain a route target"));
        boolean exists = t.routes.stream().anyMatch(r -> r.destination.equals(destination));
        if (action.equals("CreateRoute") && exists) {
            throw q.fault("RouteAlreadyExists", "The route identified by " + destination + " already exists.");
        }
        if (action.equals("ReplaceRoute") && !exists) {
            throw q.fault("InvalidRoute.NotFound", "no route with destination-cidr-block " + destination + " in route table " + t.id);
        }
        t.routes.removeIf(r -> r.destination.equals(destination));
        t.routes.add(new FakeVpcs.Route(destination, FakeVpcs.targetElement(target), target));
        return el("return", true);
    }

    private static String associate(FakeVpcs f, Ec2Query q) {
        FakeVpcs.RouteTable t = table(f, q, q.get("RouteTableId"));
        String subnet = subnet(f, q, q.get("SubnetId")).id;
        if (f.routeTables.values().stream().anyMatch(other -> other.associations.containsKey(subnet))) {
            throw q.fault("Resource.AlreadyAssociated", "the specified association for route table " + t.id + " conflicts with an existing association");
        }
        f.associate(t, subnet);
        return el("associationId", t.associations.get(subnet)) + "<associationState>" + el("state", "associated") + "</associationState>";
    }

    private static String replaceAssociation(FakeVpcs f, Ec2Query q) {
        FakeVpcs.RouteTable t = table(f, q, q.get("RouteTableId"));
        String association = q.get("AssociationId");
        String subnet = f.routeTables.values().stream().flatMap(o -> o.associations.entrySet().stream())
                .filter(e -> e.getValue().equals(association)).map(Map.Entry::getKey).findFirst()
                .orElseThrow(() -> q.fault("InvalidAssociationID.NotFound", "The association ID '" + association + "' does not exist"));
        f.associate(t, subnet);
        return el("newAssociationId", t.associations.get(subnet)) + "<associationState>" + el("state", "associated") + "</associationState>";
    }

    private static FakeVpcs.RouteTable table(FakeVpcs f, Ec2Query q, String id) {
        FakeVpcs.RouteTable t = f.routeTables.get(id);
        if (t == null) {
            throw q.fault("InvalidRouteTableID.NotFound", "The routeTable ID '" + id + "' does not exist");
        }
        return t;
    }

    private static FakeVpcs.Subnet subnet(FakeVpcs f, Ec2Query q, String id) {
        FakeVpcs.Subnet s = f.subnets.get(id);
        if (s == null) {
            throw q.fault("InvalidSubnetID.NotFound", "The subnet ID '" + id + "' does not exist");
        }
        return s;
    }
}
