#pragma once
// Responses that carry stored records (pulls, queries, views) send them straight from the mapped
// commit log: the body views point into the mappings, and the response owns the references that
// keep those files mapped until the frame is written.
#include <memory>
#include <vector>

#include "remoting/command.hpp"
#include "store/commit_log.hpp"

namespace rmq::broker {

inline void attach_records(remoting::RemotingCommand& response,
                           std::vector<store::SelectedBytes> records) {
    auto owned = std::make_shared<std::vector<store::SelectedBytes>>(std::move(records));
    for (const auto& r : *owned)
        response.body_views.push_back(r.bytes);
    response.body_owner = owned;
}

}  // namespace rmq::broker
