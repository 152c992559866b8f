package compose

import (
	"github.com/compose-spec/compose-go/v2/types"
	"github.com/docker/docker/api/types/container"
)

// deviceRequests sends gpus and deploy.resources.reservations.devices as
// device requests: the container gets those host devices.
func (c *converter) deviceRequests() {
	for _, r := range c.svc.Gpus {
		// `gpus` asks for GPUs whatever else it names, as --gpus does.
		if len(r.Capabilities) == 0 {
			r.Capabilities = []string{"gpu"}
		}
		c.host.DeviceRequests = append(c.host.DeviceRequests, deviceRequest(r))
	}
	if d := c.svc.Deploy; d != nil && d.Resources.Reservations != nil {
		for _, r := range d.Resources.Reservations.Devices {
			c.host.DeviceRequests = append(c.host.DeviceRequests, deviceRequest(r))
		}
	}
	c.field("HostConfig.DeviceRequests", "gpus")
	c.field("HostConfig.DeviceRequests", "deploy", "resources", "reservations", "devices")
}

func deviceRequest(r types.DeviceRequest) container.DeviceRequest {
	out := container.DeviceRequest{
		Driver:    r.Driver,
		Count:     int(r.Count),
		DeviceIDs: r.IDs,
		Options:   map[string]string(r.Options),
	}
	if len(r.Capabilities) > 0 {
		out.Capabilities = [][]string{r.Capabilities}
	}
	return out
}
