#pragma once
// Requests as this client sends them: RocketMQ's codes, our language (CPP) and version.
#include <cstdint>

#include "remoting/command.hpp"

namespace rocketmq::detail {

inline rmq::remoting::RemotingCommand make_request(int32_t code) {
    auto request = rmq::remoting::RemotingCommand::request(code);
    request.language = rmq::proto::LanguageCode::CPP;
    return request;
}

template <class Header>
rmq::remoting::RemotingCommand make_request(int32_t code, const Header& header) {
    auto request = make_request(code);
    request.set_header(header);
    return request;
}

}  // namespace rocketmq::detail
