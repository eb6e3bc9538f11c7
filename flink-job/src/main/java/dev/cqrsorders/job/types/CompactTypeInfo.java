package dev.cqrsorders.job.types;

import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

import java.util.function.Supplier;

/**
 * The type information of a record with a {@link CompactSerializer}: what a stream or a state descriptor needs. The
 * serializers are stateless, so every user shares one instance.
 */
public final class CompactTypeInfo<T> extends TypeInformation<T> {
    private static final long serialVersionUID = 1L;

    private final Class<T> type;
    private final CompactSerializer<T> serializer;

    private CompactTypeInfo(Class<T> type, CompactSerializer<T> serializer) {
        this.type = type;
        this.serializer = serializer;
    }

    public static <T> CompactTypeInfo<T> of(Class<T> type, Supplier<? extends CompactSerializer<T>> factory) {
        return new CompactTypeInfo<>(type, factory.get());
    }

    @Override
    public boolean isBasicType() {
        return false;
    }

    @Override
    public boolean isTupleType() {
        return false;
    }

    @Override
    public int getArity() {
        return 1;
    }

    @Override
    public int getTotalFields() {
        return 1;
    }

    @Override
    public Class<T> getTypeClass() {
        return type;
    }

    @Override
    public boolean isKeyType() {
        return false;
    }

    @Override
    public TypeSerializer<T> createSerializer(SerializerConfig config) {
        return serializer;
    }

    @Override
    @SuppressWarnings("deprecation")
    public TypeSerializer<T> createSerializer(ExecutionConfig config) {
        return serializer;
    }

    @Override
    public String toString() {
        return "Compact<" + getTypeClass().getSimpleName() + ">";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CompactTypeInfo<?> other && other.getTypeClass().equals(getTypeClass());
    }

    @Override
    public int hashCode() {
        return getTypeClass().hashCode();
    }

    @Override
    public boolean canEqual(Object o) {
        return o instanceof CompactTypeInfo<?>;
    }
}
