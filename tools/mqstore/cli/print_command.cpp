// mqstore print: the messages of one queue, found through its consume-queue units.
#include <ostream>
#include <string>

#include "cli/commands.hpp"
#include "cli/message_json.hpp"
#include "cli/message_text.hpp"

namespace rmq::mqstore {

int run_print(const CommandLine& cl, std::ostream& out, std::ostream& err) {
    auto inspector = open_store(cl, err);
    if (!inspector) return kExitUsage;
    const std::string name = cl.topic + "/" + std::to_string(cl.queue_id);
    const QueueDirectory* dir = inspector->layout().find_queue(cl.topic, cl.queue_id);
    if (dir == nullptr) {
        err << "mqstore: no consume queue " << name << " in " << cl.dir << "\n";
        return kExitUsage;
    }
    auto queue = inspector->open_queue(*dir);
    if (!queue) {
        err << "mqstore: " << queue.error().message << "\n";
        return kExitUsage;
    }
    const CommitLogReader& log = inspector->commit_log();
    const int64_t min = queue->min_offset(log.min_offset());
    const int64_t max = queue->max_offset();
    const int64_t from = cl.offset.value_or(min);
    if (from < queue->first_index() || from > max) {
        err << "mqstore: offset " << from << " is outside " << name << " [" << min << ", " << max
            << ")\n";
        return kExitUsage;
    }
    const int64_t to = std::min(max, from + cl.count);
    int unreadable = 0;
    for (int64_t index = from; index < to; ++index) {
        const auto unit = queue->unit_at(index);
        if (!unit) {
            err << "mqstore: " << name << " queue offset " << index << ": no unit\n";
            ++unreadable;
            continue;
        }
        if (unit->is_hole()) continue;  // filler before the queue's first message
        auto record = log.record_at(unit->commit_log_offset);
        if (!record.is_message()) {
            err << "mqstore: " << name << " queue offset " << index << ": commit-log offset "
                << unit->commit_log_offset << ": "
                << (record.is_blank() ? "end-of-file marker" : record.error().message) << "\n";
            ++unreadable;
            continue;
        }
        const QueuedMessage message{record.record(), queue->topic(), queue->queue_id(), index,
                                    unit->tags_code};
        if (cl.json) {
            out << message_json_line(message) << '\n';
        } else {
            out << message_text_block(message, cl.body);
        }
    }
    return unreadable == 0 ? kExitOk : kExitDamage;
}

}  // namespace rmq::mqstore
