package dev.ferry.vpc.model;

/**
 * An availability zone of the region as DescribeAvailabilityZones reports it.
 *
 * @param name  {@code cn-north-1a}: differs per account for the same physical zone
 * @param id    {@code cnn1-az1}: the same physical zone in every account
 * @param state {@code available}, {@code information}, {@code impaired} or {@code unavailable}
 * @param type  {@code availability-zone}, {@code local-zone} or {@code wavelength-zone}
 */
public record Zone(String name, String id, String state, String type) {}
