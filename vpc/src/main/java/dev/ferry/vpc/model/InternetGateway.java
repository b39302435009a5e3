package dev.ferry.vpc.model;

/** An internet gateway attached to the VPC, with the attachment's state ({@code available} once attached). */
public record InternetGateway(String id, String attachmentState) {}
