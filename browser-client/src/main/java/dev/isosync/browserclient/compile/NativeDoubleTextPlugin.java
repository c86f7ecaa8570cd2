package dev.isosync.browserclient.compile;

import dev.isosync.browserclient.store.JavaDoubleText;
import org.teavm.model.ClassHolder;
import org.teavm.model.ClassHolderTransformer;
import org.teavm.model.ClassHolderTransformerContext;
import org.teavm.model.MethodDescriptor;
import org.teavm.model.MethodHolder;
import org.teavm.model.ValueType;
import org.teavm.model.emit.ProgramEmitter;
import org.teavm.model.emit.ValueEmitter;
import org.teavm.vm.spi.TeaVMHost;
import org.teavm.vm.spi.TeaVMPlugin;

/**
 * A TeaVM compile plugin (registered in {@code META-INF/services}, run by the TeaVM compiler, never part of the
 * bundle): every double that the client turns into text goes through {@link JavaDoubleText}, which asks JavaScript
 * for the digits, instead of TeaVM's own formatter, which carries tables of powers of ten (about 20 KB of the
 * minified bundle). All of TeaVM's ways from a double to text ({@code Double.toString}, {@code String.valueOf},
 * concatenation, {@code StringBuilder.append}) meet in {@code AbstractStringBuilder.insert(int, double)}, whose body
 * this replaces.
 */
public final class NativeDoubleTextPlugin implements TeaVMPlugin, ClassHolderTransformer {
    private static final String BUILDER = "java.lang.AbstractStringBuilder";
    private static final MethodDescriptor INSERT_DOUBLE = new MethodDescriptor("insert", ValueType.INTEGER,
            ValueType.DOUBLE, ValueType.object(BUILDER));

    @Override
    public void install(TeaVMHost host) {
        host.add(this);
    }

    @Override
    public void transformClass(ClassHolder cls, ClassHolderTransformerContext context) {
        if (!cls.getName().equals(BUILDER)) {
            return;
        }
        MethodHolder insert = cls.getMethod(INSERT_DOUBLE);
        if (insert == null) {
            context.getDiagnostics().error(null, "No " + BUILDER + "." + INSERT_DOUBLE + " to replace: the TeaVM"
                    + " class library changed, and " + getClass().getSimpleName() + " must follow it");
            return;
        }
        // insert(index, value) becomes insert(index, JavaDoubleText.of(value))
        ProgramEmitter pe = ProgramEmitter.create(insert, context.getHierarchy());
        ValueEmitter text = pe.invoke(JavaDoubleText.class.getName(), "of", ValueType.object("java.lang.String"),
                pe.var(2, ValueType.DOUBLE));
        pe.var(0, ValueType.object(BUILDER)).invokeVirtual("insert", ValueType.object(BUILDER),
                pe.var(1, ValueType.INTEGER), text).returnValue();
    }
}
