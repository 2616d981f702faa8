package dev.memprof.http;

import dev.memprof.capture.CaptureDirectory;
import dev.memprof.capture.CaptureName;
import dev.memprof.json.JsonWriter;

/**
 * {@code GET /debug/pprof/captures} (the list, JSON) and {@code GET /debug/pprof/captures/{name}} (one capture, as a
 * profile download). Only names of the capture directory's own pattern are looked up; anything else is a 400.
 * With captures off, both answer 404 saying so.
 */
final class CaptureHandlers {

    static final String OFF = "automatic heap captures are off: start the agent with captureDir=<directory> "
            + "(if it was set, the agent's log says why it is off)";

    private final CaptureDirectory directory;

    /** @param directory the capture directory, or null when captures are off */
    CaptureHandlers(CaptureDirectory directory) {
        this.directory = directory;
    }

    /** {@code {"directory": ..., "captures": [{"name", "reason", "time", "size"}...]}}, oldest first. */
    Handler list() {
        return r -> {
            if (directory == null) {
                return Responses.jsonError(404, OFF);
            }
            JsonWriter w = new JsonWriter().beginObject().field("directory", directory.path().toString())
                    .name("captures").beginArray();
            for (CaptureDirectory.Capture c : directory.list()) {
                w.beginObject()
                        .field("name", c.name().fileName())
                        .field("reason", c.name().reason().label())
                        .field("time", c.name().time())
                        .field("size", c.size())
                        .endObject();
            }
            return Responses.json(200, w.endArray().endObject().toString());
        };
    }

    Handler file() {
        return r -> {
            CaptureName name = CaptureName.parse(r.pathParam("name"));
            if (name == null) {
                return Responses.error(400, "invalid capture name: expected " + CaptureName.SHAPE);
            }
            if (directory == null) {
                return Responses.error(404, OFF);
            }
            byte[] bytes = directory.read(name);
            return bytes == null ? Responses.error(404, "no capture " + name) : Responses.attachment(name.fileName(),
                    bytes);
        };
    }
}
