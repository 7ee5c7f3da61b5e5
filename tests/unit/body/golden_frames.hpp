#pragma once
// The bodies of the frames captured from a real RocketMQ 4.9.8 deployment
// (tests/golden/frames): each frame is decoded from its .bin file with the remoting codec.
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "golden.hpp"
#include "json/parse.hpp"
#include "remoting/frame.hpp"

namespace rmq::test {

struct BodyFrame {
    std::string file;
    std::string body;        // the frame's body bytes
    std::string body_text;   // index.json's bodyText ("" when absent)
    json::Value ext_fields;  // the header's extFields (null when none)
};

/// Frames whose requestName (requests) or inReplyToName (responses) is `name`, that have a
/// body.
inline std::vector<BodyFrame> body_frames(std::string_view name, bool responses) {
    static const json::Value index = [] {
        auto doc = json::parse(read_file(golden_dir() / "frames" / "index.json"));
        if (!doc) throw std::runtime_error("cannot parse golden index.json");
        return std::move(*doc);
    }();
    std::vector<BodyFrame> out;
    for (const json::Value& entry : *index.if_array()) {
        const json::Value* n = entry.find(responses ? "inReplyToName" : "requestName");
        const json::Value* kind = entry.find("kind");
        if (n == nullptr || !n->if_string() || *n->if_string() != name) continue;
        const bool is_response = kind && kind->if_string() && *kind->if_string() == "response";
        if (is_response != responses) continue;
        const json::Value* length = entry.find("bodyLength");
        if (length == nullptr || !length->if_int() || *length->if_int() == 0) continue;
        BodyFrame f;
        f.file = *entry.find("file")->if_string();
        auto cmd = remoting::decode_frame_bytes(read_file(golden_dir() / "frames" / f.file));
        if (!cmd) throw std::runtime_error("cannot decode " + f.file);
        f.body = cmd->body;
        if (const json::Value* text = entry.find("bodyText"); text && text->if_string())
            f.body_text = *text->if_string();
        if (const json::Value* header = entry.find("header"))
            if (const json::Value* ext = header->find("extFields")) f.ext_fields = *ext;
        out.push_back(std::move(f));
    }
    return out;
}

}  // namespace rmq::test
