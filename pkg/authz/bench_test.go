package authz

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// floor is a bare allow-all plugin: it reads the request as any plugin must
// and allows it. Its latency over the same socket and client is the floor
// rungate is measured against.
type floor struct{}

func (floor) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	var req Request
	_ = json.NewDecoder(r.Body).Decode(&req)
	w.Header().Set("Content-Type", mediaType)
	_, _ = w.Write([]byte(`{"Allow":true}` + "\n"))
}

// benchCreate is a realistic create body, as the docker CLI sends for a
// run with a few flags.
const benchCreate = `{"Hostname":"","Domainname":"","User":"1000","AttachStdin":false,"AttachStdout":true,"AttachStderr":true,` +
	`"Tty":false,"OpenStdin":false,"StdinOnce":false,"Env":["APP_ENV=prod","PORT=8080"],"Cmd":["serve","--port","8080"],` +
	`"Image":"registry.example.com/team/web:1.4.2","Volumes":{},"WorkingDir":"","Entrypoint":null,"OnBuild":null,"Labels":{"app":"web"},` +
	`"HostConfig":{"Binds":["/srv/web/html:/var/www/html:ro","/var/log/web:/var/log/web"],"ContainerIDFile":"",` +
	`"LogConfig":{"Type":"json-file","Config":{"max-size":"10m","max-file":"3"}},"NetworkMode":"default",` +
	`"PortBindings":{"8080/tcp":[{"HostIp":"127.0.0.1","HostPort":"8080"}]},"RestartPolicy":{"Name":"unless-stopped","MaximumRetryCount":0},` +
	`"AutoRemove":false,"VolumeDriver":"","VolumesFrom":null,"CapAdd":null,"CapDrop":["ALL"],"CgroupnsMode":"","Dns":[],"DnsOptions":[],` +
	`"DnsSearch":[],"ExtraHosts":null,"GroupAdd":null,"IpcMode":"","Cgroup":"","Links":null,"OomScoreAdj":0,"PidMode":"","Privileged":false,` +
	`"PublishAllPorts":false,"ReadonlyRootfs":true,"SecurityOpt":["no-new-privileges"],"UTSMode":"","UsernsMode":"","ShmSize":0,` +
	`"ConsoleSize":[0,0],"Isolation":"","CpuShares":0,"Memory":536870912,"NanoCpus":0,"CgroupParent":"","BlkioWeight":0,` +
	`"PidsLimit":200,"Ulimits":null,"MaskedPaths":null,"ReadonlyPaths":null},"NetworkingConfig":{"EndpointsConfig":{}}}`

// BenchmarkAuthZReq measures AuthZReq round trips over a unix socket, for a
// create and a GET, through rungate and through the allow-all floor, with
// one client and with 16 concurrent ones. Each iteration sends the request
// to both, in alternating order: p50-µs and p99-µs are rungate's,
// floor-p50-µs and floor-p99-µs the floor's, x-p50 and x-p99 the ratios.
//
// "create" sends one body again and again, as a script or CI job run again
// does: after the first, rungate answers from its verdict cache.
// "create-new" makes every body unique (a counter in an env value), so
// every request is evaluated: the figure for a create never seen before.
func BenchmarkAuthZReq(b *testing.B) {
	marshal := func(r Request) []byte {
		raw, err := json.Marshal(r)
		if err != nil {
			b.Fatal(err)
		}
		return raw
	}
	create := marshal(authzReq("POST", "/v1.47/containers/create?name=web", ctJSON, benchCreate))
	get := marshal(authzReq("GET", "/v1.47/containers/json?all=1", "", ""))
	var unique atomic.Int64
	kinds := []struct {
		name string
		body func() []byte
	}{
		{"create", func() []byte { return create }},
		{"create-new", func() []byte {
			n := unique.Add(1)
			body := strings.Replace(benchCreate, "PORT=8080", "PORT="+strconv.FormatInt(n, 10), 1)
			return marshal(authzReq("POST", "/v1.47/containers/create?name=web", ctJSON, body))
		}},
		{"get", func() []byte { return get }},
	}
	// rungate and the floor are measured in the same loop, one request to
	// each per iteration in alternating order, so that the machine's drift
	// (this benchmark runs on shared VMs) falls on both alike and their
	// ratio is fair.
	rungate := serveUnix(b, newTestHandler(b, Options{}))
	bare := serveUnix(b, floor{})
	pair := func(i int, body []byte, rg, fl *[]time.Duration) {
		if i%2 == 0 {
			*rg = append(*rg, roundTrip(b, rungate, body))
			*fl = append(*fl, roundTrip(b, bare, body))
			return
		}
		*fl = append(*fl, roundTrip(b, bare, body))
		*rg = append(*rg, roundTrip(b, rungate, body))
	}
	for _, kind := range kinds {
		b.Run(kind.name+"/serial", func(b *testing.B) {
			var rg, fl latencies
			i := 0
			for b.Loop() {
				pair(i, kind.body(), &rg.d, &fl.d)
				i++
			}
			report(b, &rg, &fl)
			// Live heap after the run: compare -benchtime 10000x with
			// 100000x to see that memory stays flat.
			runtime.GC()
			var ms runtime.MemStats
			runtime.ReadMemStats(&ms)
			b.ReportMetric(float64(ms.HeapInuse)/(1<<20), "heap-MB")
		})
		b.Run(kind.name+"/c16", func(b *testing.B) {
			var rg, fl latencies
			// 16 × GOMAXPROCS (2) clients, each alternating between the
			// two plugins: about 16 in flight at each.
			b.SetParallelism(16)
			var worker atomic.Int64
			b.RunParallel(func(pb *testing.PB) {
				var myRG, myFL []time.Duration
				for i := int(worker.Add(1)); pb.Next(); i++ {
					pair(i, kind.body(), &myRG, &myFL)
				}
				rg.merge(myRG)
				fl.merge(myFL)
			})
			report(b, &rg, &fl)
		})
	}
}

// report gives rungate's and the floor's p50 and p99, and their ratios.
func report(b *testing.B, rg, fl *latencies) {
	r50, r99 := rg.quantiles()
	f50, f99 := fl.quantiles()
	b.ReportMetric(r50, "p50-µs")
	b.ReportMetric(r99, "p99-µs")
	b.ReportMetric(f50, "floor-p50-µs")
	b.ReportMetric(f99, "floor-p99-µs")
	if f50 > 0 && f99 > 0 {
		b.ReportMetric(r50/f50, "x-p50")
		b.ReportMetric(r99/f99, "x-p99")
	}
}

// roundTrip posts one AuthZReq and returns its latency. Every benchmark
// request is compliant, so a deny fails the benchmark.
func roundTrip(b *testing.B, c *http.Client, body []byte) time.Duration {
	start := time.Now()
	resp, err := c.Post("http://plugin"+pathReq, mediaType, bytes.NewReader(body))
	if err != nil {
		b.Fatal(err)
	}
	raw, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	d := time.Since(start)
	if err != nil {
		b.Fatal(err)
	}
	if !bytes.Contains(raw, []byte(`"Allow":true`)) {
		b.Fatalf("denied: %s", raw)
	}
	return d
}

type latencies struct {
	mu sync.Mutex
	d  []time.Duration
}

func (l *latencies) merge(ds []time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.d = append(l.d, ds...)
}

// quantiles returns p50 and p99 in µs.
func (l *latencies) quantiles() (p50, p99 float64) {
	if len(l.d) == 0 {
		return 0, 0
	}
	slices.Sort(l.d)
	at := func(q float64) float64 { return float64(l.d[int(q*float64(len(l.d)-1))].Nanoseconds()) / 1e3 }
	return at(0.50), at(0.99)
}
