package io.asobi.match.lua;

import java.lang.classfile.ClassFile;
import java.lang.classfile.attribute.RecordAttribute;
import java.lang.classfile.attribute.RecordComponentInfo;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.DirectMethodHandleDesc;
import java.lang.constant.DynamicCallSiteDesc;
import java.lang.constant.MethodHandleDesc;
import java.lang.constant.MethodTypeDesc;
import java.lang.reflect.AccessFlag;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Builds, at run time, the record class that carries a Lua world script's wire fields in the zone ECS: the
 * sim-world runtime sends record components to clients under their names, so a script declaring
 * {@code wire_fields = {hp = "int", speed = "number", alert = "boolean"}} gets a record
 * {@code (int hp, double speed, boolean alert)} with components in name order.
 */
final class WireRecords
{
    static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]{0,31}");

    private static final ClassDesc CD_RECORD = ClassDesc.of("java.lang.Record");
    private static final ClassDesc CD_OBJECT_METHODS = ClassDesc.of("java.lang.runtime.ObjectMethods");
    private static final DirectMethodHandleDesc BOOTSTRAP = MethodHandleDesc.ofMethod(
        DirectMethodHandleDesc.Kind.STATIC, CD_OBJECT_METHODS, "bootstrap",
        MethodTypeDesc.of(ConstantDescs.CD_Object, ConstantDescs.CD_MethodHandles_Lookup, ConstantDescs.CD_String,
            ClassDesc.of("java.lang.invoke.TypeDescriptor"), ConstantDescs.CD_Class, ConstantDescs.CD_String,
            ConstantDescs.CD_MethodHandle.arrayType()));

    private WireRecords()
    {
    }

    /** Kind of a wire field. */
    enum Kind
    {
        INT(int.class, ConstantDescs.CD_int),
        NUMBER(double.class, ConstantDescs.CD_double),
        BOOLEAN(boolean.class, ConstantDescs.CD_boolean);

        final Class<?> javaType;
        final ClassDesc desc;

        Kind(final Class<?> javaType, final ClassDesc desc)
        {
            this.javaType = javaType;
            this.desc = desc;
        }

        static Kind of(final String name)
        {
            return switch (name)
            {
                case "int", "integer" -> INT;
                case "number", "float", "double" -> NUMBER;
                case "boolean", "bool" -> BOOLEAN;
                default -> null;
            };
        }
    }

    /**
     * A wire field.
     *
     * @param name its name, sent to clients.
     * @param kind its kind.
     */
    record WireField(String name, Kind kind)
    {
    }

    /**
     * Define a record class with these components, in this order.
     *
     * @param fields the components; names valid per {@link #NAME}.
     * @return the class, loaded by a fresh class loader child of this class's loader.
     */
    @SuppressWarnings("unchecked")
    static Class<? extends Record> define(final List<WireField> fields)
    {
        // The name depends only on the fields: snapshots name component classes, so a world journaled by one process
        // restores in another (each class has its own loader, so equal names never clash).
        final String binaryName = "io.asobi.match.lua.gen.LuaWire_" + signatureHash(fields);
        final ClassDesc self = ClassDesc.of(binaryName);
        final List<RecordComponentInfo> components = new ArrayList<>();
        final StringBuilder names = new StringBuilder();
        final List<MethodHandleDesc> getters = new ArrayList<>();
        final ClassDesc[] params = new ClassDesc[fields.size()];
        for (int i = 0; i < fields.size(); i++)
        {
            final WireField field = fields.get(i);
            components.add(RecordComponentInfo.of(field.name(), field.kind().desc));
            names.append(0 == i ? "" : ";").append(field.name());
            getters.add(MethodHandleDesc.ofField(DirectMethodHandleDesc.Kind.GETTER, self, field.name(),
                field.kind().desc));
            params[i] = field.kind().desc;
        }
        final ConstantDescsArgs args = new ConstantDescsArgs(self, names.toString(), getters);
        final byte[] bytes = ClassFile.of().build(self, cb ->
        {
            cb.withFlags(AccessFlag.PUBLIC, AccessFlag.FINAL, AccessFlag.SUPER);
            cb.withSuperclass(CD_RECORD);
            cb.with(RecordAttribute.of(components));
            for (final WireField field : fields)
            {
                cb.withField(field.name(), field.kind().desc, ClassFile.ACC_PRIVATE | ClassFile.ACC_FINAL);
                cb.withMethodBody(field.name(), MethodTypeDesc.of(field.kind().desc), ClassFile.ACC_PUBLIC, code ->
                {
                    code.aload(0);
                    code.getfield(self, field.name(), field.kind().desc);
                    code.return_(java.lang.classfile.TypeKind.from(field.kind().desc));
                });
            }
            cb.withMethodBody(ConstantDescs.INIT_NAME, MethodTypeDesc.of(ConstantDescs.CD_void, params),
                ClassFile.ACC_PUBLIC, code ->
                {
                    code.aload(0);
                    code.invokespecial(CD_RECORD, ConstantDescs.INIT_NAME, ConstantDescs.MTD_void);
                    int slot = 1;
                    for (final WireField field : fields)
                    {
                        final java.lang.classfile.TypeKind kind = java.lang.classfile.TypeKind.from(field.kind().desc);
                        code.aload(0);
                        code.loadLocal(kind, slot);
                        code.putfield(self, field.name(), field.kind().desc);
                        slot += kind.slotSize();
                    }
                    code.return_();
                });
            cb.withMethodBody("toString", MethodTypeDesc.of(ConstantDescs.CD_String), ClassFile.ACC_PUBLIC, code ->
            {
                code.aload(0);
                code.invokedynamic(args.callSite("toString", MethodTypeDesc.of(ConstantDescs.CD_String, self)));
                code.areturn();
            });
            cb.withMethodBody("hashCode", MethodTypeDesc.of(ConstantDescs.CD_int), ClassFile.ACC_PUBLIC, code ->
            {
                code.aload(0);
                code.invokedynamic(args.callSite("hashCode", MethodTypeDesc.of(ConstantDescs.CD_int, self)));
                code.ireturn();
            });
            cb.withMethodBody("equals", MethodTypeDesc.of(ConstantDescs.CD_boolean, ConstantDescs.CD_Object),
                ClassFile.ACC_PUBLIC, code ->
                {
                    code.aload(0);
                    code.aload(1);
                    code.invokedynamic(args.callSite("equals",
                        MethodTypeDesc.of(ConstantDescs.CD_boolean, self, ConstantDescs.CD_Object)));
                    code.ireturn();
                });
        });
        return (Class<? extends Record>)new Loader(WireRecords.class.getClassLoader()).define(binaryName, bytes);
    }

    private record ConstantDescsArgs(ClassDesc self, String names, List<MethodHandleDesc> getters)
    {
        DynamicCallSiteDesc callSite(final String name, final MethodTypeDesc type)
        {
            final java.lang.constant.ConstantDesc[] bootstrapArgs =
                new java.lang.constant.ConstantDesc[2 + getters.size()];
            bootstrapArgs[0] = self;
            bootstrapArgs[1] = names;
            for (int i = 0; i < getters.size(); i++)
            {
                bootstrapArgs[2 + i] = getters.get(i);
            }
            return DynamicCallSiteDesc.of(BOOTSTRAP, name, type, bootstrapArgs);
        }
    }

    private static String signatureHash(final List<WireField> fields)
    {
        final StringBuilder signature = new StringBuilder();
        for (final WireField field : fields)
        {
            signature.append(field.name()).append(':').append(field.kind().name()).append(';');
        }
        try
        {
            final byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                .digest(signature.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest, 0, 12);
        }
        catch (final java.security.NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException("SHA-256 is missing", ex);
        }
    }

    private static final class Loader extends ClassLoader
    {
        Loader(final ClassLoader parent)
        {
            super(parent);
        }

        Class<?> define(final String name, final byte[] bytes)
        {
            return defineClass(name, bytes, 0, bytes.length);
        }
    }
}
