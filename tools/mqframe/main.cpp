// mqframe: decodes RocketMQ remoting frames (one or many back to back, e.g. a TCP stream saved
// from tcpdump) from files or stdin and prints one line per frame: kind, code name, the header
// in Java's JSON form, whether the typed header decodes, and the body size.
#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>

#include "proto/request_code.hpp"
#include "proto/response_code.hpp"
#include "proto/schema_registry.hpp"
#include "remoting/frame.hpp"
#include "remoting/header_codec.hpp"

using namespace rmq;

namespace {

std::string schema_check(const remoting::RemotingCommand& cmd) {
    std::string verdict;
    auto check = [&](auto tag) {
        using H = typename decltype(tag)::type;
        auto h = cmd.decode_header<H>();
        verdict = std::string(H::kSchemaName) + (h.ok() ? " ok" : " INVALID: " + h.error().remark);
    };
    if (!cmd.is_response()) proto::with_request_schema(cmd.code, check);
    return verdict;
}

int dump(std::istream& in, const std::string& name) {
    std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    remoting::FrameParser parser(bytes.size() + 1);
    parser.append(bytes);
    remoting::FrameView view;
    int frames = 0;
    for (;;) {
        auto st = parser.next(view);
        if (st == remoting::FrameParser::Status::NeedMore) break;
        if (st == remoting::FrameParser::Status::Error) {
            std::cerr << name << ": frame " << frames << ": " << parser.error() << "\n";
            return 1;
        }
        auto cmd = remoting::decode_frame(view);
        if (!cmd.ok()) {
            std::cerr << name << ": frame " << frames << ": " << cmd.error().remark << "\n";
            return 1;
        }
        ++frames;
        std::string header;
        remoting::encode_json_header(*cmd, header);
        const bool response = cmd->is_response();
        std::cout << (response           ? "response "
                      : cmd->is_oneway() ? "oneway "
                                         : "request ")
                  << (response ? proto::response_code_name(cmd->code)
                               : proto::request_code_name(cmd->code))
                  << (cmd->serialize_type == remoting::SerializeType::ROCKETMQ ? " [ROCKETMQ] "
                                                                               : " [JSON] ")
                  << header << " body=" << cmd->body.size() << "B";
        if (auto verdict = schema_check(*cmd); !verdict.empty()) std::cout << " header=" << verdict;
        std::cout << "\n";
    }
    if (parser.buffered() != 0) {
        std::cerr << name << ": " << parser.buffered() << " trailing bytes (incomplete frame)\n";
        return 1;
    }
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc > 1 && (std::string(argv[1]) == "-h" || std::string(argv[1]) == "--help")) {
        std::cout << "usage: mqframe [FILE...]   (no file: read stdin)\n"
                     "Decodes RocketMQ remoting frames and prints one line per frame.\n";
        return 0;
    }
    int rc = 0;
    if (argc == 1) return dump(std::cin, "stdin");
    for (int i = 1; i < argc; ++i) {
        std::ifstream in(argv[i], std::ios::binary);
        if (!in) {
            std::cerr << "mqframe: cannot open " << argv[i] << "\n";
            rc = 1;
            continue;
        }
        rc |= dump(in, argv[i]);
    }
    return rc;
}
