#pragma once
// Answers the admin processors share.
#include <string>

#include "proto/response_code.hpp"
#include "remoting/command.hpp"

namespace rmq::broker {

/// SUCCESS with `body` (a JSON document or a properties text).
inline remoting::RemotingCommand success_with_body(const remoting::RemotingCommand& request,
                                                   std::string body) {
    auto response = remoting::RemotingCommand::response_to(request, proto::ResponseCode::SUCCESS);
    response.body = std::move(body);
    return response;
}

}  // namespace rmq::broker
