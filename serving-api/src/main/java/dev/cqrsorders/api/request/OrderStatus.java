package dev.cqrsorders.api.request;

/** An order's status, in lifecycle order. */
// The constants are the wire values themselves, lowercase: the status parameter converts exactly ("Ready" is a 400)
// and OpenAPI lists exactly what is accepted.
@SuppressWarnings("java:S115")
public enum OrderStatus {
    created, received, preparing, ready, picked_up, delivered, cancelled
}
