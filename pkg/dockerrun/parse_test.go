package dockerrun_test

import (
	"encoding/json"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/rungate/rungate/pkg/dockerrun"
	"github.com/rungate/rungate/pkg/runspec"
)

// seccompProfile is a readable seccomp file for the tests, deliberately not
// compact.
const seccompProfile = "{\n  \"defaultAction\": \"SCMP_ACT_ALLOW\",  \"syscalls\": [ ]\n}\n"

// testFiles are the files the commands under test may name (relative to /w).
func testFiles() map[string]string {
	return map[string]string{
		"e.env":      "A=\"q\"\nB=x y\n  # comment\nFROMHOST\n\n  C=1\nNOPE\n",
		"bad.env":    "export X=1\n",
		"utf8.env":   "A\xff=1\n",
		"l.lab":      "l1=v\n#x\nl2\n",
		"sc.json":    seccompProfile,
		"bad.json":   "not json\n",
		"/abs.json":  seccompProfile,
		"crlf.env":   "K=1\r\nJ=2\r\n",
		"bom.env":    "\xef\xbb\xbfK=1\n",
		"dup.env":    "Z=1\nA=2\nZ=3\n",
		"export.lab": "export X=1\n",
	}
}

func testEnv() map[string]string { return map[string]string{"FROMHOST": "v", "EMPTY_HOST": ""} }

// bodyCase is a command that the docker CLI accepts, with the create-body
// fields it must produce. Keys are body paths ("Env", "HostConfig.Binds");
// "spec.Name" and "spec.Platform" check the query parameters.
type bodyCase struct {
	name string
	args string   // words separated by single spaces
	argv []string // used instead of args when a word holds a space
	want map[string]string
}

func TestParseArgsBody(t *testing.T) {
	cases := []bodyCase{
		// parsing.md cases 1-22.
		{name: "01 relative bind made absolute", args: "-v ./data:/data:ro,z img",
			want: map[string]string{"HostConfig.Binds": `["/w/data:/data:ro,z"]`, "Volumes": `{}`}},
		{name: "02 named volume and anonymous volume", args: "-v myvol:/data:nocopy -v /cache alpine",
			want: map[string]string{"HostConfig.Binds": `["myvol:/data:nocopy"]`, "Volumes": `{"/cache":{}}`}},
		{name: "03 binds kept raw", args: "-v ~/x:/y -v data/sub:/z -v /etc:/e:readonly alpine",
			want: map[string]string{"HostConfig.Binds": `["~/x:/y","data/sub:/z","/etc:/e:readonly"]`}},
		{name: "04 host root bind", args: "-v /:/host:rslave alpine",
			want: map[string]string{"HostConfig.Binds": `["/:/host:rslave"]`}},
		{name: "05 bind mount", args: "--mount type=bind,src=/,dst=/host,readonly,bind-propagation=rshared alpine",
			want: map[string]string{"HostConfig.Mounts": `[{"Type":"bind","Source":"/","Target":"/host","ReadOnly":true,"BindOptions":{"Propagation":"rshared"}}]`}},
		{name: "06 mount csv quoting and relative source", args: `--mount type=bind,"src=/a,b",dst=/c --mount type=bind,source=./rel,target=/r --mount type=bind,src=/x,dst=/y,ro=false alpine`,
			want: map[string]string{"HostConfig.Mounts": `[{"Type":"bind","Source":"/a,b","Target":"/c"},{"Type":"bind","Source":"/w/rel","Target":"/r"},{"Type":"bind","Source":"/x","Target":"/y"}]`}},
		{name: "07 tmpfs mount and --tmpfs", args: "--mount type=tmpfs,dst=/t,tmpfs-size=64m,tmpfs-mode=1770 --tmpfs /run:rw,noexec,size=64m --tmpfs /tmp alpine",
			want: map[string]string{
				"HostConfig.Mounts": `[{"Type":"tmpfs","Target":"/t","TmpfsOptions":{"SizeBytes":67108864,"Mode":1016}}]`,
				"HostConfig.Tmpfs":  `{"/run":"rw,noexec,size=64m","/tmp":""}`,
			}},
		{name: "08 volume mount options", args: "--mount type=volume,dst=/v,volume-driver=local,volume-opt=type=nfs,volume-opt=o=addr=10.0.0.1 alpine",
			want: map[string]string{"HostConfig.Mounts": `[{"Type":"volume","Target":"/v","VolumeOptions":{"DriverConfig":{"Name":"local","Options":{"type":"nfs","o":"addr=10.0.0.1"}}}}]`}},
		{name: "09 capabilities normalized", args: "--cap-add ALL --cap-drop net_raw --cap-add cap_sys_admin --cap-add=SYS_ADMIN,NET_ADMIN alpine",
			want: map[string]string{"HostConfig.CapAdd": `["ALL","CAP_SYS_ADMIN","CAP_SYS_ADMIN,NET_ADMIN"]`, "HostConfig.CapDrop": `["CAP_NET_RAW"]`}},
		{name: "10 ALL in add and drop", args: "--cap-add ALL --cap-drop sys_admin --cap-add SYS_ADMIN --cap-drop all alpine",
			want: map[string]string{"HostConfig.CapAdd": `["ALL","CAP_SYS_ADMIN"]`, "HostConfig.CapDrop": `["ALL","CAP_SYS_ADMIN"]`}},
		{name: "11 privileged with caps", args: "--privileged --cap-drop=ALL --cap-add=NET_ADMIN alpine",
			want: map[string]string{"HostConfig.Privileged": `true`, "HostConfig.CapAdd": `["CAP_NET_ADMIN"]`, "HostConfig.CapDrop": `["ALL"]`}},
		{name: "12 security options", args: "--security-opt seccomp=unconfined --security-opt apparmor:unconfined --security-opt no-new-privileges --security-opt label=disable --security-opt systempaths=unconfined alpine",
			want: map[string]string{
				"HostConfig.SecurityOpt": `["seccomp=unconfined","apparmor:unconfined","no-new-privileges","label=disable"]`,
				"HostConfig.MaskedPaths": `[]`, "HostConfig.ReadonlyPaths": `[]`,
			}},
		{name: "14 host namespaces", args: "--pid host --ipc host --uts host --userns host --cgroupns host --network host alpine",
			want: map[string]string{
				"HostConfig.PidMode": `"host"`, "HostConfig.IpcMode": `"host"`, "HostConfig.UTSMode": `"host"`,
				"HostConfig.UsernsMode": `"host"`, "HostConfig.CgroupnsMode": `"host"`, "HostConfig.NetworkMode": `"host"`,
				"NetworkingConfig.EndpointsConfig": `{}`,
			}},
		{name: "15a container namespaces", args: "--net=container:foo --pid=container:foo alpine",
			want: map[string]string{"HostConfig.NetworkMode": `"container:foo"`, "HostConfig.PidMode": `"container:foo"`, "NetworkingConfig.EndpointsConfig": `{}`}},
		{name: "15b several networks", args: "--network name=n1,alias=a --network n2 alpine",
			want: map[string]string{
				"HostConfig.NetworkMode":           `"n1"`,
				"NetworkingConfig.EndpointsConfig": endpoints(`"n1":` + endpoint(`"Aliases":["a"]`) + `,"n2":` + endpoint("")),
			}},
		{name: "16 devices, CDI and GPUs", args: "--device /dev/sda:/dev/xvdc:r --device /dev/fuse --device /dev/kvm:rw --device vendor.com/gpu=0 --gpus all alpine",
			want: map[string]string{
				"HostConfig.Devices":        `[{"PathOnHost":"/dev/sda","PathInContainer":"/dev/xvdc","CgroupPermissions":"r"},{"PathOnHost":"/dev/fuse","PathInContainer":"/dev/fuse","CgroupPermissions":"rwm"},{"PathOnHost":"/dev/kvm","PathInContainer":"/dev/kvm","CgroupPermissions":"rw"}]`,
				"HostConfig.DeviceRequests": `[{"Driver":"","Count":-1,"DeviceIDs":null,"Capabilities":[["gpu"]],"Options":{}},{"Driver":"cdi","Count":0,"DeviceIDs":["vendor.com/gpu=0"],"Capabilities":null,"Options":null}]`,
			}},
		{name: "17 published ports", args: "-p 8080:80 -p 127.0.0.1:9090:90/udp -p 80 -p 8000-8001:81 -p [::1]:53:53/udp -P --expose 7000-7001 alpine",
			want: map[string]string{
				"HostConfig.PortBindings":    `{"80/tcp":[{"HostIp":"","HostPort":"8080"},{"HostIp":"","HostPort":""}],"90/udp":[{"HostIp":"127.0.0.1","HostPort":"9090"}],"81/tcp":[{"HostIp":"","HostPort":"8000-8001"}],"53/udp":[{"HostIp":"::1","HostPort":"53"}]}`,
				"HostConfig.PublishAllPorts": `true`,
				"ExposedPorts":               `{"53/udp":{},"7000/tcp":{},"7001/tcp":{},"80/tcp":{},"81/tcp":{},"90/udp":{}}`,
			}},
		{name: "18 long-form and ranged ports", args: "-p published=8443,target=443,protocol=tcp -p 0.0.0.0:2375:2375 -p 127.0.0.1:8080-8081:80-81 alpine",
			want: map[string]string{"HostConfig.PortBindings": `{"443/tcp":[{"HostIp":"","HostPort":"8443"}],"2375/tcp":[{"HostIp":"0.0.0.0","HostPort":"2375"}],"80/tcp":[{"HostIp":"127.0.0.1","HostPort":"8080"}],"81/tcp":[{"HostIp":"127.0.0.1","HostPort":"8081"}]}`}},
		{name: "19 environment", args: "-e FROMHOST -e UNSET -e BAR=1 -e EMPTY= --env-file e.env alpine",
			want: map[string]string{"Env": `["A=\"q\"","B=x y","FROMHOST=v","C=1","FROMHOST=v","UNSET","BAR=1","EMPTY="]`}},
		{name: "20a limits", args: "-m 512m --memory-swap -1 --cpus 1.5 --pids-limit 100 --shm-size 1g --oom-kill-disable alpine",
			want: map[string]string{
				"HostConfig.Memory": `536870912`, "HostConfig.MemorySwap": `-1`, "HostConfig.NanoCpus": `1500000000`,
				"HostConfig.PidsLimit": `100`, "HostConfig.ShmSize": `1073741824`, "HostConfig.OomKillDisable": `true`,
			}},
		{name: "20b no limits", args: "alpine",
			want: map[string]string{"HostConfig.PidsLimit": `0`, "HostConfig.MemorySwappiness": `-1`, "HostConfig.OomKillDisable": `false`}},
		{name: "20c unlimited pids", args: "--pids-limit -1 alpine", want: map[string]string{"HostConfig.PidsLimit": `-1`}},
		{name: "21 ulimits and sysctls", args: "--ulimit nofile=1024:2048 --ulimit nproc=512 --sysctl net.ipv4.ip_forward=1 alpine",
			want: map[string]string{
				"HostConfig.Ulimits": `[{"Name":"nofile","Hard":2048,"Soft":1024},{"Name":"nproc","Hard":512,"Soft":512}]`,
				"HostConfig.Sysctls": `{"net.ipv4.ip_forward":"1"}`,
			}},
		{name: "22a bool flags never take the next word", args: "--privileged true alpine",
			want: map[string]string{"Image": `"true"`, "Cmd": `["alpine"]`, "HostConfig.Privileged": `true`}},
		{name: "22b flags after the image are the command", args: "alpine -- ls --privileged",
			want: map[string]string{"Image": `"alpine"`, "Cmd": `["--","ls","--privileged"]`, "HostConfig.Privileged": `false`}},
		{name: "22c api socket", args: "-d --use-api-socket alpine",
			want: map[string]string{"HostConfig.Mounts": `[{"Type":"bind","Source":"/var/run/docker.sock","Target":"/var/run/docker.sock","BindOptions":{}}]`}},

		// Flag grammar.
		{name: "double dash before the image is consumed", args: "-- alpine ls", want: map[string]string{"Image": `"alpine"`, "Cmd": `["ls"]`}},
		{name: "cluster -itd", args: "-itd alpine",
			want: map[string]string{"Tty": `true`, "OpenStdin": `true`, "AttachStdin": `false`, "AttachStdout": `false`, "StdinOnce": `false`}},
		{name: "cluster ending in a value flag", args: "-dv /:/h alpine", want: map[string]string{"HostConfig.Binds": `["/:/h"]`, "AttachStdout": `false`}},
		{name: "--flag=value and -f=value and -fvalue", args: "--volume=/a:/b -v=/c:/d -v/e:/f -e=A=1 -eB=2 alpine",
			want: map[string]string{"HostConfig.Binds": `["/a:/b","/c:/d","/e:/f"]`, "Env": `["A=1","B=2"]`}},
		{name: "--bool=false", args: "--rm=false --privileged=false -i=false -t=true alpine",
			want: map[string]string{"HostConfig.AutoRemove": `false`, "HostConfig.Privileged": `false`, "OpenStdin": `false`, "Tty": `true`}},
		{name: "bool spellings", args: "--privileged=TRUE --rm=1 --init=t alpine",
			want: map[string]string{"HostConfig.Privileged": `true`, "HostConfig.AutoRemove": `true`, "HostConfig.Init": `true`}},
		{name: "a value flag takes a dashed word", args: "-e -x --env --privileged alpine",
			want: map[string]string{"Env": `["-x","--privileged"]`, "HostConfig.Privileged": `false`}},
		{name: "-h is the hostname", args: "-h box alpine", want: map[string]string{"Hostname": `"box"`}},
		{name: "go test flags are skipped like pflag does", args: "-test.v -p 80 alpine", want: map[string]string{"ExposedPorts": `{"80/tcp":{}}`}},
		{name: "--help=false runs", args: "--help=false alpine", want: map[string]string{"Image": `"alpine"`}},
		{name: "hidden spellings share values", args: "--net n1 --network-alias a --net-alias b --dns-opt x --dns-option y alpine",
			want: map[string]string{
				"HostConfig.DnsOptions":            `["x","y"]`,
				"NetworkingConfig.EndpointsConfig": endpoints(`"n1":` + endpoint(`"Aliases":["a","b"]`)),
			}},

		// Volumes.
		{name: "volume spec edge cases", args: "-v a -v ab -v :: -v a: -v c:/x -v /a:/b:c:d -v a::b alpine",
			want: map[string]string{"Volumes": `{"a":{},"ab":{},"::":{},"a:":{},"c:/x":{}}`, "HostConfig.Binds": `["/a:/b:c:d","a::b"]`}},
		{name: "only a leading dot is made absolute, cleaned", args: "-v ../up:/u -v .hidden:/h -v ./a/../b:/c -v .:/x -v /a/../b:/c -v ./a:b:c alpine",
			want: map[string]string{"HostConfig.Binds": `["/up:/u","/w/.hidden:/h","/w/b:/c","/w:/x","/a/../b:/c","/w/a:b:c"]`}},
		{name: "binds deduplicated on the raw text", args: "-v ./a:/a -v ./a:/a -v /w/a:/a -v . -v /cache:ro alpine",
			want: map[string]string{"HostConfig.Binds": `["/w/a:/a","/w/a:/a","/cache:ro"]`, "Volumes": `{".":{}}`}},
		{name: "windows drive letters", argv: []string{"-v", `c:\a:d:\b`, "-v", `c:\a`, "-v", "é:a:bb:c", "alpine"},
			want: map[string]string{"HostConfig.Binds": `["c:\\a:d:\\b","é:a:bb:c"]`, "Volumes": `{"c:\\a":{}}`}},
		{name: "tmpfs last wins, kept verbatim", args: "--tmpfs /run:rw:x --tmpfs /run:size=1 --tmpfs rel alpine",
			want: map[string]string{"HostConfig.Tmpfs": `{"/run":"size=1","rel":""}`}},
		{name: "mounts of other types", args: "--mount dst=/v --mount type=volume,src=./x,dst=/v2 --mount type=image,src=img,dst=/i,image-subpath=x --mount type=bind,src=.,dst=/z alpine",
			want: map[string]string{"HostConfig.Mounts": `[{"Type":"volume","Target":"/v"},{"Type":"volume","Source":"/w/x","Target":"/v2"},{"Type":"image","Source":"img","Target":"/i","ImageOptions":{"Subpath":"x"}},{"Type":"bind","Source":"/w","Target":"/z"}]`}},
		{name: "volumes-from and driver", args: "--volumes-from c1:ro --volumes-from c2 --volume-driver local --read-only alpine",
			want: map[string]string{"HostConfig.VolumesFrom": `["c1:ro","c2"]`, "HostConfig.VolumeDriver": `"local"`, "HostConfig.ReadonlyRootfs": `true`}},

		// Security.
		{name: "caps are not trimmed", argv: []string{"--cap-add", " chown ", "--cap-add", "", "--cap-add", "all", "--cap-add", "Cap_Kill", "alpine"},
			want: map[string]string{"HostConfig.CapAdd": `["ALL","CAP_","CAP_ CHOWN ","CAP_KILL"]`}},
		{name: "seccomp file inlined compact", args: "--security-opt seccomp=sc.json --security-opt seccomp:/abs.json alpine",
			want: map[string]string{"HostConfig.SecurityOpt": `["seccomp={\"defaultAction\":\"SCMP_ACT_ALLOW\",\"syscalls\":[]}","seccomp={\"defaultAction\":\"SCMP_ACT_ALLOW\",\"syscalls\":[]}"]`}},
		{name: "security option separators", args: "--security-opt no-new-privileges: --security-opt no-new-privileges= --security-opt :x --security-opt seccomp:a=b --security-opt systempaths:unconfined --security-opt SECCOMP=/nope alpine",
			want: map[string]string{
				"HostConfig.SecurityOpt": `["no-new-privileges:","no-new-privileges=",":x","seccomp:a=b","systempaths:unconfined","SECCOMP=/nope"]`,
				"HostConfig.MaskedPaths": `null`,
			}},
		{name: "group-add and user", args: "--group-add docker --group-add 999 --group-add docker -u 1000:1000 alpine",
			want: map[string]string{"HostConfig.GroupAdd": `["docker","999","docker"]`, "User": `"1000:1000"`}},
		{name: "namespace modes", args: "--ipc bogus --cgroupns private --pid container:x alpine",
			want: map[string]string{"HostConfig.IpcMode": `"bogus"`, "HostConfig.CgroupnsMode": `"private"`, "HostConfig.PidMode": `"container:x"`}},

		// Devices.
		{name: "device paths", args: "--device /dev/a:mr --device /dev/a/../b --device a/../b:/dev/x/./y --device /dev/x=y alpine",
			want: map[string]string{"HostConfig.Devices": `[{"PathOnHost":"/dev/a","PathInContainer":"/dev/a","CgroupPermissions":"mr"},{"PathOnHost":"/dev/b","PathInContainer":"/dev/b","CgroupPermissions":"rwm"},{"PathOnHost":"a/../b","PathInContainer":"/dev/x/y","CgroupPermissions":"rwm"},{"PathOnHost":"/dev/x=y","PathInContainer":"/dev/x=y","CgroupPermissions":"rwm"}]`}},
		{name: "CDI names grouped after GPUs", args: "--device ab/cd=x --device ef/gh=y --gpus 2 --device a.b/c-d=e:f alpine",
			want: map[string]string{"HostConfig.DeviceRequests": `[{"Driver":"","Count":2,"DeviceIDs":null,"Capabilities":[["gpu"]],"Options":{}},{"Driver":"cdi","Count":0,"DeviceIDs":["ab/cd=x","ef/gh=y","a.b/c-d=e:f"],"Capabilities":null,"Options":null}]`}},
		{name: "device cgroup rules", argv: []string{"--device-cgroup-rule", "c 1:3 mr", "--device-cgroup-rule", "a *:* rwm", "alpine"},
			want: map[string]string{"HostConfig.DeviceCgroupRules": `["c 1:3 mr","a *:* rwm"]`}},

		// Networking.
		{name: "explicit default network sends no endpoint", args: "--network default alpine",
			want: map[string]string{"HostConfig.NetworkMode": `"default"`, "NetworkingConfig.EndpointsConfig": `{}`}},
		{name: "implicit default network", args: "alpine",
			want: map[string]string{"HostConfig.NetworkMode": `"default"`, "NetworkingConfig.EndpointsConfig": endpoints(`"default":` + endpoint(""))}},
		{name: "a single user network", args: "--network n1 alpine", want: map[string]string{"NetworkingConfig.EndpointsConfig": `{}`}},
		{name: "per-container network flags go to the first network", args: "--network n1 --network-alias x --ip 10.0.0.2 --ip6 ::2 --link c:d --link-local-ip 169.254.0.1 --mac-address 02:42:ac:11:00:02 alpine",
			want: map[string]string{
				"HostConfig.Links":                 `["c:d"]`,
				"NetworkingConfig.EndpointsConfig": endpoints(`"n1":` + endpoint(`"Aliases":["x"],"Links":["c:d"],"MacAddress":"02:42:ac:11:00:02","IPAMConfig":{"IPv4Address":"10.0.0.2","IPv6Address":"::2","LinkLocalIPs":["169.254.0.1"]}`)),
			}},
		{name: "links only on user networks, addresses unchecked", args: "--ip bad --link foo:bar alpine",
			want: map[string]string{
				"HostConfig.Links":                 `["foo:bar"]`,
				"NetworkingConfig.EndpointsConfig": endpoints(`"default":` + endpoint(`"IPAMConfig":{"IPv4Address":"bad"}`)),
			}},
		{name: "network long form", args: "--network name=n1,driver-opt=a=b,ip=10.0.0.3,gw-priority=5 alpine",
			want: map[string]string{"NetworkingConfig.EndpointsConfig": endpoints(`"n1":` + endpoint(`"DriverOpts":{"a":"b"},"GwPriority":5,"IPAMConfig":{"IPv4Address":"10.0.0.3"}`))}},
		{name: "dns and hosts", args: "--dns 1.1.1.1 --dns-search a.b --dns-option ndots:2 --add-host a:1.2.3.4 --add-host b=::1 alpine",
			want: map[string]string{
				"HostConfig.Dns": `["1.1.1.1"]`, "HostConfig.DnsSearch": `["a.b"]`, "HostConfig.DnsOptions": `["ndots:2"]`,
				"HostConfig.ExtraHosts": `["a:1.2.3.4","b:::1"]`,
			}},
		{name: "port edge cases", args: "-p target=443,protocol=UDP -p 80/TCP -p 8080:80 -p 8080:80 -p target=1,published=8080-8081,foo=bar alpine",
			want: map[string]string{"HostConfig.PortBindings": `{"443/udp":[{"HostIp":"","HostPort":""}],"80/tcp":[{"HostIp":"","HostPort":""},{"HostIp":"","HostPort":"8080"},{"HostIp":"","HostPort":"8080"}],"1/tcp":[{"HostIp":"","HostPort":"8080-8081"}]}`}},
		{name: "ports read like the CLI's older parser", args: "-p 80/tcp/udp -p 1-2-3:4-5-6 -p 080:0080/udp --expose 7/udp/x --expose 8-9-10 alpine",
			want: map[string]string{
				"HostConfig.PortBindings": `{"80/tcp":[{"HostIp":"","HostPort":""}],"4/tcp":[{"HostIp":"","HostPort":"1"}],"5/tcp":[{"HostIp":"","HostPort":"2"}],"80/udp":[{"HostIp":"","HostPort":"80"}]}`,
				"ExposedPorts":            `{"80/tcp":{},"4/tcp":{},"5/tcp":{},"80/udp":{},"7/udp":{},"8/tcp":{},"9/tcp":{}}`,
			}},
		{name: "expose keeps the protocol as written", args: "--expose 80/UDP --expose 8000-8001/udp alpine",
			want: map[string]string{"ExposedPorts": `{"80/UDP":{},"8000/udp":{},"8001/udp":{}}`}},

		// Environment and labels.
		{name: "-e folds repeated keys, last value wins", args: "-e B=1 -e A=1 -e B=2 -e FROMHOST=1 -e FROMHOST -e EMPTY_HOST alpine",
			want: map[string]string{"Env": `["B=2","A=1","FROMHOST=v","EMPTY_HOST="]`}},
		{name: "env files are not folded", args: "--env-file dup.env -e A=9 --env-file crlf.env --env-file bom.env alpine",
			want: map[string]string{"Env": `["Z=1","A=2","Z=3","K=1","J=2","K=1","A=9"]`}},
		{name: "-e with blanks", argv: []string{"-e", "A B=1", "-e", " A", "alpine"}, want: map[string]string{"Env": `["A B=1"," A"]`}},
		{name: "labels", args: "-l a=b -l c -l a=d --label-file l.lab alpine",
			want: map[string]string{"Labels": `{"a":"d","c":"","l1":"v"}`}},

		// Resources and the rest.
		{name: "more resources", args: "--pids-limit -1 --memory-reservation 1k --kernel-memory 10m --memory-swappiness 0 --oom-score-adj -5 -c 512 --cpu-period 100 --cpu-quota 50 --cpuset-cpus 0-1 --cpuset-mems 0 --cpu-rt-period 10 --cpu-rt-runtime 5 --blkio-weight 300 --cpus -1 alpine",
			want: map[string]string{
				"HostConfig.MemoryReservation": `1024`, "HostConfig.MemorySwappiness": `0`, "HostConfig.OomScoreAdj": `-5`,
				"HostConfig.CpuShares": `512`, "HostConfig.CpuPeriod": `100`, "HostConfig.CpuQuota": `50`,
				"HostConfig.CpusetCpus": `"0-1"`, "HostConfig.CpusetMems": `"0"`, "HostConfig.CpuRealtimePeriod": `10`,
				"HostConfig.CpuRealtimeRuntime": `5`, "HostConfig.BlkioWeight": `300`, "HostConfig.NanoCpus": `-1000000000`,
				"HostConfig.KernelMemory": `<absent>`,
			}},
		{name: "block IO devices", args: "--blkio-weight-device /dev/sda:100 --device-read-bps /dev/sda:1mb --device-write-bps /dev/sda:1k --device-read-iops /dev/sda:10 --device-write-iops /dev/sdb:20 alpine",
			want: map[string]string{
				"HostConfig.BlkioWeightDevice": `[{"Path":"/dev/sda","Weight":100}]`, "HostConfig.BlkioDeviceReadBps": `[{"Path":"/dev/sda","Rate":1048576}]`,
				"HostConfig.BlkioDeviceWriteBps": `[{"Path":"/dev/sda","Rate":1024}]`, "HostConfig.BlkioDeviceReadIOps": `[{"Path":"/dev/sda","Rate":10}]`,
				"HostConfig.BlkioDeviceWriteIOps": `[{"Path":"/dev/sdb","Rate":20}]`,
			}},
		{name: "logging", args: "--log-driver json-file --log-opt max-size=10m --log-opt max-file=3 --log-opt bad alpine",
			want: map[string]string{"HostConfig.LogConfig": `{"Type":"json-file","Config":{"max-size":"10m","max-file":"3","bad":""}}`}},
		{name: "restart policies", args: "--restart on-failure:3 --rm=false alpine",
			want: map[string]string{"HostConfig.RestartPolicy": `{"Name":"on-failure","MaximumRetryCount":3}`}},
		{name: "--rm with an empty restart policy", argv: []string{"--rm", "--restart", "", "alpine"},
			want: map[string]string{"HostConfig.RestartPolicy": `{"Name":"","MaximumRetryCount":0}`, "HostConfig.AutoRemove": `true`}},
		{name: "restart is not checked beyond its count", args: "--restart bogus alpine",
			want: map[string]string{"HostConfig.RestartPolicy": `{"Name":"bogus","MaximumRetryCount":0}`}},
		{name: "stdio with -a", args: "-i -a stdout alpine",
			want: map[string]string{"AttachStdin": `true`, "AttachStdout": `true`, "AttachStderr": `false`, "OpenStdin": `true`, "StdinOnce": `true`}},
		{name: "stdio with -a stdin", args: "-a STDIN -t alpine",
			want: map[string]string{"AttachStdin": `true`, "AttachStdout": `false`, "AttachStderr": `false`, "OpenStdin": `false`, "StdinOnce": `false`, "Tty": `true`}},
		{name: "detached interactive", args: "-d -i alpine",
			want: map[string]string{"AttachStdin": `false`, "OpenStdin": `true`, "StdinOnce": `false`}},
		{name: "health check", args: "--health-cmd curl --health-interval 5s --health-retries 3 --health-timeout 1s --health-start-period 2s --health-start-interval 1s alpine",
			want: map[string]string{"Healthcheck": `{"Test":["CMD-SHELL","curl"],"Interval":5000000000,"Timeout":1000000000,"StartPeriod":2000000000,"StartInterval":1000000000,"Retries":3}`}},
		{name: "health check without a command", args: "--health-interval 1ns alpine", want: map[string]string{"Healthcheck": `{"Interval":1}`}},
		{name: "no health check", args: "--no-healthcheck alpine", want: map[string]string{"Healthcheck": `{"Test":["NONE"]}`}},
		{name: "empty health command sends nothing", argv: []string{"--health-cmd", "", "alpine"}, want: map[string]string{"Healthcheck": `<absent>`}},
		{name: "config strings", argv: []string{"--entrypoint", "a b", "-w", "rel", "-h", "host", "--domainname", "dom", "--cidfile", "/tmp/x.cid", "--runtime", "runc", "--isolation", "default", "--cgroup-parent", "/p", "--storage-opt", "size=1G", "--stop-signal", "SIGKILL", "--stop-timeout", "0", "alpine"},
			want: map[string]string{
				"Entrypoint": `["a b"]`, "WorkingDir": `"rel"`, "Hostname": `"host"`, "Domainname": `"dom"`,
				"HostConfig.ContainerIDFile": `"/tmp/x.cid"`, "HostConfig.Runtime": `"runc"`, "HostConfig.Isolation": `"default"`,
				"HostConfig.CgroupParent": `"/p"`, "HostConfig.StorageOpt": `{"size":"1G"}`, "StopSignal": `"SIGKILL"`, "StopTimeout": `0`,
			}},
		{name: "empty entrypoint", argv: []string{"--entrypoint", "", "alpine"}, want: map[string]string{"Entrypoint": `[""]`}},
		{name: "init only when given", args: "--init=false alpine", want: map[string]string{"HostConfig.Init": `false`}},
		{name: "annotations", args: "--annotation a=b --annotation c alpine", want: map[string]string{"HostConfig.Annotations": `{"a":"b","c":""}`}},
		{name: "name and platform", args: "--name web --platform LINUX/ARM64 alpine", want: map[string]string{"spec.Name": "web", "spec.Platform": "linux/arm64"}},
		{name: "platform aliases", args: "--platform armhf --pull never -q --disable-content-trust=false alpine", want: map[string]string{"spec.Platform": "linux/arm"}},
		{name: "image references", args: "localhost:5000/a/b:tag@sha256:" + strings.Repeat("0", 64), want: map[string]string{"Image": `"localhost:5000/a/b:tag@sha256:` + strings.Repeat("0", 64) + `"`}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			words := lineWords(1, tc.args)
			if tc.argv != nil {
				words = argvWords(tc.argv...)
			}
			spec, err := dockerrun.ParseArgs(words, testOptions(testEnv(), testFiles()))
			if err != nil {
				t.Fatalf("ParseArgs: %v", err)
			}
			for path, want := range tc.want {
				var got string
				switch path {
				case "spec.Name":
					got = spec.Name
				case "spec.Platform":
					got = spec.Platform
				default:
					got = bodyField(t, spec, path)
				}
				if !sameJSON(got, want) {
					t.Errorf("%s:\n got %s\nwant %s", path, got, want)
				}
			}
		})
	}
}

// endpoint is the JSON of an EndpointSettings with the given fields set and
// the rest zero, as the body carries it.
func endpoint(fields string) string {
	full := map[string]any{
		"IPAMConfig": nil, "Links": nil, "Aliases": nil, "MacAddress": "", "DriverOpts": nil, "GwPriority": 0,
		"NetworkID": "", "EndpointID": "", "Gateway": "", "IPAddress": "", "IPPrefixLen": 0, "IPv6Gateway": "",
		"GlobalIPv6Address": "", "GlobalIPv6PrefixLen": 0, "DNSNames": nil,
	}
	if fields != "" {
		var set map[string]any
		if err := json.Unmarshal([]byte("{"+fields+"}"), &set); err != nil {
			panic(err)
		}
		for k, v := range set {
			full[k] = v
		}
	}
	out, err := json.Marshal(full)
	if err != nil {
		panic(err)
	}
	return string(out)
}

func endpoints(entries string) string { return "{" + entries + "}" }

// TestParseArgsDefaults compares the whole body of `docker create alpine`
// with the one the docker CLI 28.2.2 sent (captured once into testdata).
func TestParseArgsDefaults(t *testing.T) {
	want, err := os.ReadFile("testdata/alpine.body.json")
	if err != nil {
		t.Fatal(err)
	}
	spec, err := dockerrun.ParseArgs(lineWords(1, "alpine"), testOptions(nil, nil))
	if err != nil {
		t.Fatal(err)
	}
	got, err := json.Marshal(spec.Create)
	if err != nil {
		t.Fatal(err)
	}
	if !sameJSON(string(got), string(want)) {
		t.Errorf("body of `run alpine`:\n got %s\nwant %s", got, want)
	}
}

// rejectCase is a command the docker CLI rejects before creating anything.
type rejectCase struct {
	name string
	args string
	argv []string
	want string // a part of the message
}

func TestParseArgsRejects(t *testing.T) {
	cases := []rejectCase{
		// Flag grammar and values.
		{name: "no image", args: "--privileged", want: "requires at least 1 argument"},
		{name: "nothing", args: "", want: "requires at least 1 argument"},
		{name: "unknown long flag", args: "--priv alpine", want: "unknown flag: --priv"},
		{name: "unknown shorthand", args: "-x alpine", want: "unknown shorthand flag: 'x' in -x"},
		{name: "bad cluster", args: "-it- alpine", want: "unknown shorthand flag: '-'"},
		{name: "bad syntax", args: "---x alpine", want: "bad flag syntax"},
		{name: "missing value", args: "--env", want: "flag needs an argument: --env"},
		{name: "missing short value", args: "-e", want: "flag needs an argument: 'e' in -e"},
		{name: "bad bool", args: "--privileged=yes alpine", want: `invalid argument "yes" for "--privileged" flag`},
		{name: "empty bool", args: "--privileged= alpine", want: `invalid argument "" for "--privileged" flag`},
		{name: "bad size", args: "-m bad alpine", want: `invalid argument "bad" for "-m, --memory" flag`},
		{name: "negative size", args: "-m -1 alpine", want: "invalid size"},
		{name: "bad swap", args: "--memory-swap -2 alpine", want: "invalid size"},
		{name: "too precise cpus", args: "--cpus 1.0000000001 alpine", want: "too precise"},
		{name: "blkio weight range", args: "--blkio-weight 70000 alpine", want: `invalid argument "70000" for "--blkio-weight" flag`},
		{name: "bad duration", args: "--health-start-interval 1 alpine", want: `invalid argument "1" for "--health-start-interval" flag`},
		{name: "empty env", argv: []string{"-e", "", "alpine"}, want: "invalid environment variable"},
		{name: "env without name", args: "-e =x alpine", want: "invalid environment variable: =x"},
		{name: "empty label", args: "-l =x alpine", want: "empty name"},
		{name: "bad attach", args: "-a bogus alpine", want: "valid streams are STDIN, STDOUT and STDERR"},
		{name: "bad link", args: "--link a:b:c alpine", want: "bad format for links"},
		{name: "bad dns", args: "--dns bad alpine", want: "IP address is not correctly formatted"},
		{name: "bad dns search", args: "--dns-search -bad alpine", want: "not a valid domain"},
		{name: "bad add-host", args: "--add-host a:notip alpine", want: "invalid IP address in add-host"},
		{name: "sysctl not allowed", args: "--sysctl kernel.core_pattern=x alpine", want: "is not allowed"},
		{name: "ulimit soft above hard", args: "--ulimit nofile=2048:1024 alpine", want: "soft limit must be less than or equal to hard limit"},
		{name: "unknown ulimit", args: "--ulimit bogus=1 alpine", want: "invalid ulimit type"},
		{name: "bad gpus", args: "--gpus bogus alpine", want: "invalid count"},
		{name: "bad cgroup rule", args: "--device-cgroup-rule x alpine", want: "invalid device cgroup format"},
		{name: "bad weight device", args: "--blkio-weight-device 1 alpine", want: "bad format"},
		{name: "bad network option", args: "--network name=n1,foo=bar alpine", want: "invalid field key foo"},
		{name: "readonly=yes", args: "--mount type=bind,src=/x,dst=/y,readonly=yes alpine", want: "invalid value for readonly: yes"},
		{name: "mount without target", args: "--mount src=/v alpine", want: "target is required"},
		{name: "bind-create-src not in 28", args: "--mount type=bind,src=/a,dst=/v,bind-create-src alpine", want: "bind-create-src"},

		// Image and client-side checks.
		{name: "image must be a reference", args: "-- -- alpine", want: "invalid reference format"},
		{name: "image with upper case", args: "Alpine", want: "must be lowercase"},
		{name: "image with empty tag", args: "alpine:", want: "invalid reference format"},
		{name: "short digest", args: "alpine@sha256:abc", want: "invalid reference format"},
		{name: "platform unknown", args: "--platform bogus alpine", want: "unknown operating system or architecture"},
		{name: "platform wildcard", args: "--platform linux/* alpine", want: "wildcards"},
		{name: "pull option", args: "--pull ALWAYS alpine", want: "invalid pull option"},
		{name: "windows-only resource", args: "--cpu-count 2 alpine", want: "only supported on a Docker daemon running on windows"},
		{name: "attach and detach", args: "-d -a stdout alpine", want: "cannot specify both --attach and --detach"},

		// Volumes.
		{name: "empty volume", argv: []string{"-v", "", "alpine"}, want: "invalid empty volume spec"},
		{name: "empty volume section", args: "-v :/x alpine", want: "empty section between colons"},
		{name: "trailing colon", args: "-v /a:/b: alpine", want: "empty section between colons"},
		{name: "too many colons", args: "-v /a:/b:ro:x alpine", want: "too many colons"},

		// Security.
		{name: "bare security option", args: "--security-opt disable alpine", want: `invalid --security-opt: "disable"`},
		{name: "empty security option value", args: "--security-opt seccomp= alpine", want: "invalid --security-opt"},
		{name: "missing seccomp file", args: "--security-opt seccomp=/nonexistent.json alpine", want: "opening seccomp profile (/nonexistent.json) failed"},
		{name: "seccomp file not JSON", args: "--security-opt seccomp=bad.json alpine", want: "compacting json for seccomp profile"},
		{name: "invalid pid mode", args: "--pid bogus alpine", want: "--pid: invalid PID mode"},
		{name: "invalid uts mode", args: "--uts container:x alpine", want: "--uts: invalid UTS mode"},
		{name: "invalid userns mode", args: "--userns private alpine", want: "--userns: invalid USER mode"},
		{name: "invalid cgroupns mode", args: "--cgroupns bogus alpine", want: "--cgroupns: invalid CGROUP mode"},

		// Devices.
		{name: "relative device", args: "--device rel alpine", want: "rel is not an absolute path"},
		{name: "relative device target", args: "--device /dev/a:rel alpine", want: "rel is not an absolute path"},
		{name: "device bad mode", args: "--device /dev/a:/dev/b:rx alpine", want: "bad mode specified: rx"},
		{name: "device too many parts", args: "--device /dev/a:/dev/b:rwm:x alpine", want: "bad format for path"},
		{name: "empty device", args: "--device : alpine", want: "bad format for path"},
		{name: "CDI name the CLI crashes on", args: "--device a/b=c alpine", want: "crashes"},
		{name: "invalid CDI name is a path", args: "--device ab/cd=e/f alpine", want: "ab/cd=e/f is not an absolute path"},

		// Ports.
		{name: "bad port", args: "-p bogus alpine", want: "invalid containerPort: bogus"},
		{name: "port out of range", args: "-p 65536 alpine", want: "invalid containerPort"},
		{name: "bad host IP", args: "-p 1.2.3:80:80 alpine", want: "invalid IP address: 1.2.3"},
		{name: "long form without target", args: "-p published=80 alpine", want: "no port specified"},
		{name: "long form bad field", args: "-p target=443,bad alpine", want: "invalid publish opts format"},
		{name: "expose range backwards", args: "--expose 80-70 alpine", want: "invalid range format for --expose"},
		{name: "plus sign is not a port", args: "-p +80 alpine", want: "invalid containerPort: +80"},
		{name: "plus sign is not a host port", args: "-p +80:80 alpine", want: "invalid hostPort: +80"},
		{name: "plus sign is not an exposed port", args: "--expose +80 alpine", want: "invalid range format for --expose"},
		{name: "expose with a colon", args: "--expose 90:91 alpine", want: "invalid port format for --expose"},

		// Environment and labels.
		{name: "env file with export", args: "--env-file bad.env alpine", want: "contains whitespaces"},
		{name: "env file not UTF-8", args: "--env-file utf8.env alpine", want: "invalid utf8"},
		{name: "missing env file", args: "--env-file nonexist alpine", want: "nonexist"},
		{name: "missing label file", args: "--label-file nonexist alpine", want: "nonexist"},
		{name: "bad label file", args: "--label-file export.lab alpine", want: "contains whitespaces"},

		// Resources, logging, restart, storage, health.
		{name: "swappiness range", args: "--memory-swappiness 101 alpine", want: "Valid memory swappiness range is 0-100"},
		{name: "log none with options", args: "--log-driver none --log-opt max-size=1m alpine", want: "invalid logging opts for driver none"},
		{name: "rm with restart", args: "--rm --restart always alpine", want: "cannot specify both --restart and --rm"},
		{name: "rm with on-failure:0", args: "--rm --restart on-failure:0 alpine", want: "cannot specify both --restart and --rm"},
		{name: "restart count not a number", args: "--restart on-failure:x alpine", want: "maximum retry count must be an integer"},
		{name: "storage option without value", args: "--storage-opt size alpine", want: "invalid storage option"},
		{name: "no-healthcheck with health options", args: "--no-healthcheck --health-cmd x alpine", want: "--no-healthcheck conflicts with --health-* options"},
		{name: "negative health interval", args: "--health-interval -1s alpine", want: "--health-interval cannot be negative"},
		{name: "negative health retries", args: "--health-retries -1 alpine", want: "--health-retries cannot be negative"},

		// Networking.
		{name: "network twice", args: "--network n1 --network n1 alpine", want: `network "n1" is specified multiple times`},
		{name: "alias on the default network", args: "--network-alias x alpine", want: "only supported for user-defined networks"},
		{name: "alias on bridge", args: "--network name=bridge,alias=x alpine", want: "only supported for user-defined networks"},
		{name: "mixed network kinds", args: "--network n2 --network default alpine", want: "cannot attach both user-defined and non-user-defined"},
		{name: "alias twice", args: "--network name=n1,alias=a --network-alias b alpine", want: "cannot specify both --network-alias and per-network alias"},
		{name: "ip twice", args: "--network name=n1,ip=1.1.1.1 --ip 2.2.2.2 alpine", want: "cannot specify both --ip and per-network IPv4 address"},
		{name: "link-local twice", args: "--network name=n1,link-local-ip=1.1.1.1 --link-local-ip 2.2.2.2 alpine", want: "cannot specify both --link-local-ip"},
		{name: "mac twice", args: "--network name=n1,mac-address=02:42:ac:11:00:03 --mac-address 02:42:ac:11:00:04 alpine", want: "cannot specify both --mac-address"},
		{name: "bad mac", args: "--mac-address 00:11 alpine", want: "00:11 is not a valid mac address"},
		{name: "bad per-network mac", args: "--network name=n1,mac-address=bad alpine", want: "bad is not a valid mac address"},
		{name: "empty network name", argv: []string{"--network", " ", "alpine"}, want: "no name set for network"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			words := lineWords(1, tc.args)
			if tc.argv != nil {
				words = argvWords(tc.argv...)
			}
			spec, err := dockerrun.ParseArgs(words, testOptions(testEnv(), testFiles()))
			if err == nil {
				t.Fatalf("accepted; want a rejection containing %q (body image %q)", tc.want, spec.Create.Image)
			}
			var rejection *dockerrun.Error
			if !errors.As(err, &rejection) {
				t.Fatalf("error %v (%T) is not a *dockerrun.Error", err, err)
			}
			if !strings.Contains(rejection.Msg, tc.want) {
				t.Errorf("message %q does not contain %q", rejection.Msg, tc.want)
			}
			if strings.ContainsAny(err.Error(), "\r\n") {
				t.Errorf("error spans lines: %q", err.Error())
			}
		})
	}
}

func TestDefaultPlatformFromEnvironment(t *testing.T) {
	env := map[string]string{"DOCKER_DEFAULT_PLATFORM": "linux/arm64"}
	cases := map[string]string{"alpine": "linux/arm64", "--platform= alpine": "", "--platform linux/amd64 alpine": "linux/amd64"}
	for line, want := range cases {
		spec, err := dockerrun.ParseArgs(lineWords(1, line), testOptions(env, nil))
		if err != nil {
			t.Fatalf("%s: %v", line, err)
		}
		if spec.Platform != want {
			t.Errorf("%s: platform %q, want %q", line, spec.Platform, want)
		}
	}
	_, err := dockerrun.ParseArgs(lineWords(1, "alpine"), testOptions(map[string]string{"DOCKER_DEFAULT_PLATFORM": "bogus"}, nil))
	var rejection *dockerrun.Error
	if !errors.As(err, &rejection) {
		t.Errorf("a bad DOCKER_DEFAULT_PLATFORM: got %v, want a rejection", err)
	}
}

func TestCreateRejectsRunOnlyFlags(t *testing.T) {
	for _, args := range []string{"docker create -d alpine", "docker container create --detach-keys x alpine", "docker create --sig-proxy=false alpine"} {
		_, err := dockerrun.ParseCommand(lineWords(1, args), testOptions(nil, nil))
		var rejection *dockerrun.Error
		if !errors.As(err, &rejection) {
			t.Errorf("%s: got %v, want a rejection", args, err)
		}
	}
}

func TestParseArgsHelpIsNotRun(t *testing.T) {
	_, err := dockerrun.ParseArgs(lineWords(1, "--help alpine"), testOptions(nil, nil))
	if !errors.Is(err, dockerrun.ErrNotRun) {
		t.Errorf("got %v, want ErrNotRun", err)
	}
}

// TestErrorFormat checks the one-line "file:line:column: message" form.
func TestErrorFormat(t *testing.T) {
	cases := []struct {
		err  dockerrun.Error
		want string
	}{
		{dockerrun.Error{Pos: runspec.Pos{File: "a.sh", Line: 3, Column: 5}, Msg: "bad"}, "a.sh:3:5: bad"},
		{dockerrun.Error{Pos: runspec.Pos{Line: 3, Column: 5}, Msg: "bad"}, "3:5: bad"},
		{dockerrun.Error{Msg: "bad\nvalue\r\nhere"}, "bad value here"},
	}
	for _, tc := range cases {
		if got := tc.err.Error(); got != tc.want {
			t.Errorf("got %q, want %q", got, tc.want)
		}
	}
}
