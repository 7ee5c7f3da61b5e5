#include "remoting/command.hpp"

namespace rmq::remoting {

size_t RemotingCommand::body_size() const {
    size_t n = body.size();
    for (const auto& v : body_views)
        n += v.size();
    return n;
}

RemotingCommand RemotingCommand::request(int32_t code) {
    RemotingCommand cmd;
    cmd.code = code;
    return cmd;
}

RemotingCommand RemotingCommand::response_to(const RemotingCommand& request, int32_t code,
                                             std::optional<std::string> remark) {
    RemotingCommand cmd;
    cmd.code = code;
    cmd.opaque = request.opaque;
    cmd.flag = proto::rpc_flag::kResponse;
    cmd.serialize_type = request.serialize_type;
    cmd.remark = std::move(remark);
    return cmd;
}

}  // namespace rmq::remoting
