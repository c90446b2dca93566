package org.minialbert.core.engine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The bytes of a TorchScript archive (what {@code torch.jit.save} writes) holding one module class
 * without parameters, written from TorchScript source text, so that the engine can run operators
 * DJL does not bind without Python at build or run time. The engine compiles the source when it
 * loads the archive. Layout: an uncompressed zip whose entries share one folder: {@code version},
 * {@code constants.pkl} (an empty tuple), {@code data.pkl} (the module object, a pickle with its one
 * attribute {@code training}) and {@code code/__torch__.py} (the class).
 */
final class TorchScriptArchive {
    /** The serialisation format version the archive declares (PyTorch 1.11 and later read it as is). */
    private static final String FORMAT_VERSION = "10";
    private static final Pattern CLASS_NAME = Pattern.compile("[A-Z][A-Za-z0-9]*");

    private TorchScriptArchive() {
    }

    /**
     * An archive whose module is an instance of {@code className}, a class in namespace
     * {@code __torch__} whose methods are {@code methods}: TorchScript source, each {@code def}
     * indented by two spaces, its first parameter {@code self}.
     */
    static byte[] of(String className, String methods) {
        if (!CLASS_NAME.matcher(className).matches()) {
            throw new IllegalArgumentException("not a class name: " + className);
        }
        String source = "class " + className + "(Module):\n"
                + "  __parameters__ = []\n"
                + "  __buffers__ = []\n"
                + "  training : bool\n"
                + methods;
        ByteArrayOutputStream archive = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(archive)) {
            String folder = className.toLowerCase(Locale.ROOT) + "/";
            store(zip, folder + "version", (FORMAT_VERSION + "\n").getBytes(StandardCharsets.US_ASCII));
            store(zip, folder + "constants.pkl", Pickle.EMPTY_TUPLE);
            store(zip, folder + "data.pkl", Pickle.moduleObject(className));
            store(zip, folder + "code/__torch__.py", source.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return archive.toByteArray();
    }

    /** The engine's reader reads entries in place, so they are stored, not deflated. */
    private static void store(ZipOutputStream zip, String name, byte[] data) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(data.length);
        entry.setCompressedSize(data.length);
        CRC32 crc = new CRC32();
        crc.update(data);
        entry.setCrc(crc.getValue());
        zip.putNextEntry(entry);
        zip.write(data);
        zip.closeEntry();
    }

    /** The two pickles (protocol 2) an archive of a parameterless module needs. */
    private static final class Pickle {
        private static final int PROTO = 0x80;
        private static final int GLOBAL = 'c';
        private static final int EMPTY_TUPLE_OP = ')';
        private static final int NEWOBJ = 0x81;
        private static final int EMPTY_DICT = '}';
        private static final int BINUNICODE = 'X';
        private static final int NEWTRUE = 0x88;
        private static final int SETITEM = 's';
        private static final int BUILD = 'b';
        private static final int STOP = '.';

        static final byte[] EMPTY_TUPLE = {(byte) PROTO, 2, EMPTY_TUPLE_OP, STOP};

        /** {@code __torch__.<className>()} with its state {@code {"training": True}}. */
        static byte[] moduleObject(String className) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(PROTO);
            out.write(2);
            out.write(GLOBAL);
            out.writeBytes(("__torch__\n" + className + "\n").getBytes(StandardCharsets.US_ASCII));
            out.write(EMPTY_TUPLE_OP);
            out.write(NEWOBJ);
            out.write(EMPTY_DICT);
            byte[] key = "training".getBytes(StandardCharsets.US_ASCII);
            out.write(BINUNICODE);
            for (int shift = 0; shift < 32; shift += 8) {
                out.write(key.length >>> shift);
            }
            out.writeBytes(key);
            out.write(NEWTRUE);
            out.write(SETITEM);
            out.write(BUILD);
            out.write(STOP);
            return out.toByteArray();
        }
    }
}
