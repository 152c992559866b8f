package rungate.lib_test

import data.rungate.lib

test_subject_name if {
	lib.subject == `container "web"` with input as {"source": {"name": "web"}, "create": {"Image": "nginx"}}
}

test_subject_image if {
	lib.subject == "image nginx:1.27" with input as {"source": {"name": ""}, "create": {"Image": "nginx:1.27"}}
}

test_subject_fallback if {
	lib.subject == "the container" with input as {"source": {"name": ""}, "create": {"Image": ""}}
	lib.subject == "the container" with input as {"source": {}}
}
