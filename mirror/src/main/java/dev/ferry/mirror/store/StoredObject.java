package dev.ferry.mirror.store;

import java.util.Optional;

/**
 * What a store knows about one object without reading its bytes.
 *
 * @param etag   the S3 ETag without quotes (an MD5 for single-part uploads, {@code md5-N} for multipart); empty for folders
 * @param sha256 the sha256 Ferry recorded when it published the object ({@code x-amz-meta-sha256}), when present
 */
public record StoredObject(String key, long size, Optional<String> etag, Optional<String> sha256) {}
