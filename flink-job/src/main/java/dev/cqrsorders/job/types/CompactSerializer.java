package dev.cqrsorders.job.types;

import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

import java.io.IOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.charset.StandardCharsets;

/**
 * A hand-written serializer for one of the job's immutable records: the fields in a fixed order, no class names, no
 * reflection (Kryo stays off: {@code pipeline.generic-types: false}). Network records and state values use it; a
 * change of a record's fields raises the serializer's {@link Format}: a checkpoint of the old format is then refused
 * on restore instead of being misread, like any incompatible Flink state schema change.
 */
public abstract class CompactSerializer<T> extends TypeSerializerSingleton<T> {
    private static final long serialVersionUID = 1L;

    /**
     * The version of the bytes {@link #write} produces, raised with every change of them; a serializer without it
     * writes version 1.
     */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.TYPE)
    public @interface Format {
        int value();
    }

    public abstract void write(T value, DataOutputView out) throws IOException;

    public abstract T read(DataInputView in) throws IOException;

    @Override
    public final TypeSerializerSnapshot<T> snapshotConfiguration() {
        Format format = getClass().getAnnotation(Format.class);
        return new ClassSnapshot<>(getClass(), format == null ? 1 : format.value());
    }

    /**
     * What a checkpoint records of a compact serializer: its class (the serializers are stateless) and the version
     * of its format. A restore instantiates it; a different class or format is incompatible.
     */
    public static final class ClassSnapshot<T> implements TypeSerializerSnapshot<T> {
        private String serializerClass;
        private int format;
        private ClassLoader classLoader = ClassSnapshot.class.getClassLoader();

        /** For Flink, which reads the class name back with {@link #readSnapshot}. */
        public ClassSnapshot() {}

        ClassSnapshot(Class<?> serializerClass, int format) {
            this.serializerClass = serializerClass.getName();
            this.format = format;
        }

        @Override
        public int getCurrentVersion() {
            return 2;
        }

        @Override
        public void writeSnapshot(DataOutputView out) throws IOException {
            out.writeUTF(serializerClass);
            out.writeInt(format);
        }

        @Override
        public void readSnapshot(int version, DataInputView in, ClassLoader userCodeClassLoader) throws IOException {
            serializerClass = in.readUTF();
            format = version >= 2 ? in.readInt() : 1;
            classLoader = userCodeClassLoader;
        }

        @Override
        @SuppressWarnings("unchecked")
        public TypeSerializer<T> restoreSerializer() {
            try {
                return (TypeSerializer<T>) Class.forName(serializerClass, true, classLoader).getDeclaredConstructor()
                        .newInstance();
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot restore the serializer " + serializerClass, e);
            }
        }

        @Override
        public TypeSerializerSchemaCompatibility<T> resolveSchemaCompatibility(TypeSerializerSnapshot<T> old) {
            return old instanceof ClassSnapshot<?> o && o.serializerClass.equals(serializerClass) && o.format == format
                    ? TypeSerializerSchemaCompatibility.compatibleAsIs()
                    : TypeSerializerSchemaCompatibility.incompatible();
        }
    }

    @Override
    public final boolean isImmutableType() {
        return true;
    }

    @Override
    public final T createInstance() {
        return null;
    }

    @Override
    public final T copy(T from) {
        return from;
    }

    @Override
    public final T copy(T from, T reuse) {
        return from;
    }

    @Override
    public final int getLength() {
        return -1;
    }

    /**
     * Flink's own buffers (network, RocksDB keys and values) take the fields one by one. Any other target is a stream
     * behind {@link java.io.DataOutputStream}, a checkpoint's (held writes, heap state), whose every single-byte write
     * is synchronized, and a string is written a character at a time: it gets the record's bytes in one write instead.
     */
    @Override
    public final void serialize(T record, DataOutputView target) throws IOException {
        if (target instanceof DataOutputSerializer) {
            write(record, target);
        } else {
            DataOutputSerializer bytes = new DataOutputSerializer(256);
            write(record, bytes);
            target.write(bytes.getSharedBuffer(), 0, bytes.length());
        }
    }

    @Override
    public final T deserialize(DataInputView source) throws IOException {
        return read(source);
    }

    @Override
    public final T deserialize(T reuse, DataInputView source) throws IOException {
        return read(source);
    }

    @Override
    public final void copy(DataInputView source, DataOutputView target) throws IOException {
        write(read(source), target);
    }

    // ---- field helpers -------------------------------------------------------------------------------------------

    /**
     * Flink's {@link StringValue} format (the bytes every savepoint of this job holds): the length + 1 and each
     * character in 7-bit groups, so an ASCII string is its length and then its bytes. {@code StringValue} hands the
     * stream one byte per call; here an ASCII string (the job's text nearly always) is checked and copied by the JDK's
     * vectorized string coding and written in one call: for an order's strings writes 1.9-2.6 and reads 2.4-4.3 times
     * as fast (StringCodecBenchmark, docs/flink-job.md).
     */
    public static void writeString(String value, DataOutputView out) throws IOException {
        if (value == null) {
            out.write(0);
            return;
        }
        int length = value.length();
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        // ASCII: one byte per character, and the same characters (UTF-8 writes a lone surrogate as '?')
        boolean ascii = utf8.length == length && value.equals(new String(utf8, StandardCharsets.ISO_8859_1));
        byte[] bytes = new byte[5 + (ascii ? 0 : 3 * length)]; // a char takes at most three 7-bit groups
        int at = writeGroups(length + 1, bytes, 0);
        if (ascii) {
            out.write(bytes, 0, at);
            out.write(utf8);
            return;
        }
        for (int i = 0; i < length; i++) {
            at = writeGroups(value.charAt(i), bytes, at);
        }
        out.write(bytes, 0, at);
    }

    /** Reads {@link #writeString}'s (and {@code StringValue}'s) format: a string of n characters is at least n bytes. */
    public static String readString(DataInputView in) throws IOException {
        int length = 0;
        int shift = 0;
        int next;
        do {
            next = in.readUnsignedByte();
            length |= (next & 0x7f) << shift;
            shift += 7;
        } while (next >= HIGH_BIT);
        if (length == 0) {
            return null;
        }
        byte[] bytes = new byte[length - 1];
        in.readFully(bytes);
        String ascii = new String(bytes, StandardCharsets.US_ASCII); // a byte of 0x80 or more becomes U+FFFD
        int firstHigh = ascii.indexOf('\uFFFD');
        return firstHigh < 0 ? ascii : readRest(bytes, firstHigh, in);
    }

    private static final int HIGH_BIT = 0x80;

    private static int writeGroups(int value, byte[] bytes, int at) {
        while (value >= HIGH_BIT) {
            bytes[at++] = (byte) (value | HIGH_BIT);
            value >>>= 7;
        }
        bytes[at++] = (byte) value;
        return at;
    }

    /** The characters from {@code first} on, some of several bytes: the rest of {@code bytes}, then the stream's. */
    private static String readRest(byte[] bytes, int first, DataInputView in) throws IOException {
        char[] chars = new char[bytes.length];
        for (int i = 0; i < first; i++) {
            chars[i] = (char) bytes[i];
        }
        int at = first;
        for (int i = first; i < chars.length; i++) {
            int c = 0;
            int shift = 0;
            int next;
            do {
                next = at < bytes.length ? bytes[at++] & 0xff : in.readUnsignedByte();
                c |= (next & 0x7f) << shift;
                shift += 7;
            } while (next >= HIGH_BIT);
            chars[i] = (char) c;
        }
        return new String(chars);
    }

    public static void writeNullableLong(Long value, DataOutputView out) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeLong(value);
        }
    }

    public static Long readNullableLong(DataInputView in) throws IOException {
        return in.readBoolean() ? in.readLong() : null;
    }

    /** A string array that may be null and may hold nulls. */
    public static void writeStrings(String[] values, DataOutputView out) throws IOException {
        out.writeInt(values == null ? -1 : values.length);
        if (values != null) {
            for (String value : values) {
                writeString(value, out);
            }
        }
    }

    public static String[] readStrings(DataInputView in) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            return null;
        }
        String[] values = new String[length];
        for (int i = 0; i < length; i++) {
            values[i] = readString(in);
        }
        return values;
    }

    public static void writeBytes(byte[] value, DataOutputView out) throws IOException {
        out.writeInt(value == null ? -1 : value.length);
        if (value != null) {
            out.write(value);
        }
    }

    public static byte[] readBytes(DataInputView in) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            return null;
        }
        byte[] value = new byte[length];
        in.readFully(value);
        return value;
    }
}
