package io.lblab.sim.resources;

import java.io.ByteArrayOutputStream;
import java.util.List;

/** ARM list bodies ({@code {"value":[…]}}) assembled from stored bytes without re-parsing. */
public final class JsonLists {
    private JsonLists() {
    }

    public static byte[] value(List<byte[]> items) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 + items.size() * 512);
        out.writeBytes("{\"value\":[".getBytes());
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.writeBytes(items.get(i));
        }
        out.writeBytes("]}".getBytes());
        return out.toByteArray();
    }
}
