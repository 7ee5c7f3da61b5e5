#pragma once
// Building the public Error from what the layers below report.
#include <string>

#include "remoting/command.hpp"
#include "remoting/transport_error.hpp"
#include "rocketmq/result.hpp"

namespace rocketmq::detail {

Error make_error(ErrorKind kind, std::string reason, std::string server = {});
/// A transport failure of `what` (e.g. "send to TopicA") at `server`: timeout or network.
Error transport_error(const rmq::common::Error& error, const std::string& what,
                      const std::string& server);
/// A server's refusal: its code (named), remark and address.
Error refused(const rmq::remoting::RemotingCommand& response, const std::string& what,
              const std::string& server);

}  // namespace rocketmq::detail
