#pragma once
// A SYNC_MASTER's answer while nothing replicates (master/slave replication is not built yet):
// as Java's CommitLog.handleHA when HAService.isSlaveOK() is false, a put that waits for the
// store (WAIT=true) is stored and answered SLAVE_NOT_AVAILABLE, never SEND_OK, so a producer
// is not told a message is on two machines when it is on one.
#include "store/put_pipeline.hpp"

namespace rmq::broker {

class NoSlaveInSync final : public store::ReplicaWaiter {
  public:
    void wait_for(int64_t, std::function<void(store::PutMessageStatus)> done) override {
        done(store::PutMessageStatus::slave_not_available);
    }
};

}  // namespace rmq::broker
