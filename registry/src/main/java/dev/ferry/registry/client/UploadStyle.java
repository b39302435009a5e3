package dev.ferry.registry.client;

/**
 * How a blob's bytes are sent after {@code POST /v2/<name>/blobs/uploads/}. Both send the blob in one request,
 * which is what ECR handles well: it answers chunk {@code PATCH}es with {@code 201} and drops the bodies of all
 * but the first, so Ferry never sends {@code Content-Range} chunks.
 */
public enum UploadStyle {
    /** {@code PUT <location>?digest=…} with the whole blob as the body: one request fewer. */
    MONOLITHIC,
    /** One {@code PATCH <location>} streaming the whole blob, then {@code PUT <location>?digest=…} with no body. */
    STREAMED
}
