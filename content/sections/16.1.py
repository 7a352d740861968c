# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
# ---

# %% [markdown] course={"kind": "intro"}
# **By the end of this section** you can drive AWS from Python with boto3: make clients that get their
# credentials the safe way, read every page of a listing, tell one `ClientError` from another, retry throttled
# calls with backoff, judge an IAM policy, run an SQS worker that loses no message, and write the clean-up, sync
# and cost scripts every cloud team ends up owning.
#
# **What is real here and what is not.** boto3 and botocore are the real libraries, and every call below is a
# real HTTP request to `127.0.0.1`. The server answering is **moto** (version 5), an emulator of the AWS APIs
# running as a thread of this kernel: nothing reaches Amazon, nothing costs money, no key of yours is read (the
# course's clients use fake keys and ignore `~/.aws` and every `AWS_*` variable). moto checks requests and keeps
# state (buckets, queues, instances, policies) much like AWS, but it does not check signatures (any key works)
# nor *enforce* IAM policies, it starts no virtual machines (an EC2 instance is a record), its Cost Explorer
# answers with canned empty data, and it never throttles you. Where a lesson needs one of those, it says so and
# uses data it controls.

# %% course={"kind": "setup", "id": "aws-helpers"}
# What every demo and test shares. `shared_moto()` starts moto's server once per kernel (stopped when the kernel
# exits) and `reset` empties it; `client(...)` makes a boto3 client with fake keys that reads no file of yours.
# `recorded`, `small_pages`, `throttled` and `backdate` let tests watch calls, force tiny pages, fake a rate
# limit and age an object; `CannedCostExplorer(pages)` answers Cost Explorer reports from pages we give (moto's
# own Cost Explorer is empty); `FakeClock` stands in for `time.sleep`, so nothing here ever waits.
import datetime
import fnmatch
import hashlib
import itertools
import json
import re
import time
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

import boto3
import botocore.session
from botocore.config import Config
from botocore.exceptions import ClientError, ParamValidationError

from course.runtime.aws import (CannedCostExplorer, backdate, client, recorded, reset, resource, shared_moto,
                                small_pages, throttled)
from course.runtime.clock import FakeClock
from course.runtime.environ import preserved_environ
from course.runtime.listing import listing_z_to_a
from course.runtime.scratch import scratch_dir

URL = shared_moto()
reset(URL)
SCRATCH = scratch_dir("boto3")
ONE_TRY = Config(retries={"mode": "standard", "total_max_attempts": 1})  # our code does the retrying, not botocore
s3 = client("s3", URL)
sqs = client("sqs", URL, config=ONE_TRY)
iam = client("iam", URL)
cloudwatch = client("cloudwatch", URL)
ec2 = client("ec2", URL)  # moto loads its EC2 emulation on the first EC2 call (about a second): one client, kept
UTC = datetime.timezone.utc


def fresh_bucket(name: str, objects: Mapping[str, bytes] | None = None) -> str:
    """The bucket `name`, emptied (or created), then holding exactly `objects` ({key: body})."""
    s3.create_bucket(Bucket=name)
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=name):
        keys = [{"Key": item["Key"]} for item in page.get("Contents", [])]
        if keys:
            s3.delete_objects(Bucket=name, Delete={"Objects": keys})
    for key, body in (objects or {}).items():
        s3.put_object(Bucket=name, Key=key, Body=body)
    return name


QUEUE_NUMBERS = itertools.count(1)


def fresh_queue(name: str, visibility: int = 30) -> str:
    """The URL of a new, empty SQS queue named `name-N` whose messages stay hidden `visibility` seconds after a
    receive. (A new name each time: SQS allows one purge per queue per minute, and moto enforces it.)"""
    attributes = {"VisibilityTimeout": str(visibility)}
    return sqs.create_queue(QueueName=f"{name}-{next(QUEUE_NUMBERS)}", Attributes=attributes)["QueueUrl"]


def queue_counts(url: str) -> tuple[int, int]:
    """(messages ready to receive, messages received but neither deleted nor visible again)."""
    names = ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"]
    found = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=names)["Attributes"]
    return int(found[names[0]]), int(found[names[1]])


def write_files(folder: Path, files: Mapping[str, bytes]) -> Path:
    """Write `files` ({relative path with '/': bytes}) under `folder`, creating folders; return `folder`."""
    for name, body in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(body)
    return folder


THROTTLING = frozenset({"Throttling", "ThrottlingException", "RequestLimitExceeded", "TooManyRequestsException",
                        "SlowDown", "ProvisionedThroughputExceededException"})  # error codes that mean "slow down"


def month(start: str, amounts: Mapping[str, str]) -> dict[str, Any]:
    """One month of a Cost Explorer answer grouped by service: {service: amount as text}."""
    groups = [{"Keys": [name], "Metrics": {"UnblendedCost": {"Amount": amount, "Unit": "USD"}}} for name, amount in amounts.items()]
    return {"TimePeriod": {"Start": start, "End": start[:8] + "28"}, "Total": {}, "Groups": groups, "Estimated": False}


print("moto answers at", URL)

# %% [markdown] course={"kind": "lesson", "id": "boto3-fundamentals", "covers": ["c-boto3-fundamentals", "c-installation-and-configuration", "c-credentials-management", "c-session-and-client-objects", "c-resource-vs-client-interfaces"]}
# ### boto3: sessions, clients and resources
#
# `pip install boto3` brings two packages: **botocore** (the engine: service models as JSON, request signing,
# retries, credential lookup) and **boto3** (the friendly layer on top). Configuration comes from three places,
# the first that sets a value wins: arguments in code, environment variables (`AWS_DEFAULT_REGION`,
# `AWS_PROFILE`...), then the files `~/.aws/config` and `~/.aws/credentials` that `aws configure` writes.
#
# - A **session** holds one configuration: credentials, region, profile. `boto3.client(...)` uses a hidden
#   default session; make your own `boto3.session.Session(profile_name=..., region_name=...)` when a program
#   talks to several accounts or regions.
# - A **client** (`session.client("s3")`) is a thin, generated mapping of the service's API: one method per
#   operation, dicts in, dicts out: the API's `ListObjectsV2` is the method `list_objects_v2`, and its
#   parameters keep the API reference's names (`Bucket`, `Prefix`, `MaxKeys`).
#   Clients are safe to share between threads; making one costs about 0.1 s, so make it once and keep it.
# - A **resource** (`session.resource("s3")`) is an object layer: `Bucket("b").objects.filter(Prefix="x/")`
#   gives objects with attributes and actions, and its collections page for you. Only some services have one
#   (S3, EC2, IAM, SQS, SNS, DynamoDB, CloudWatch...), resources are not thread-safe, and the boto3 team has said
#   it adds no new features to them: new code mostly uses clients. Every resource carries its client in
#   `.meta.client`.
#
# **The one thing people get wrong:** a client's *region* is part of its identity. A client made for
# `eu-west-1` does not see `us-east-1` queues or instances (S3 bucket names are global, but each bucket still
# lives in one region). Pass the region explicitly in automation instead of trusting whatever the machine has.

# %% course={"kind": "demo"}
# The same listing through a client (dicts) and through a resource (objects that page by themselves).
fresh_bucket("demo-reports", {"2026/01.csv": b"a,b\n", "2026/02.csv": b"a,b\n1,2\n", "readme.txt": b"hi"})
page = s3.list_objects_v2(Bucket="demo-reports", Prefix="2026/")
print("client:  ", [(item["Key"], item["Size"]) for item in page["Contents"]], "| keys of the answer:", sorted(page)[:4])
bucket = resource("s3", URL).Bucket("demo-reports")
print("resource:", [(obj.key, obj.size) for obj in bucket.objects.filter(Prefix="2026/")])
print("a resource's client is a client:", type(bucket.meta.client).__name__, "| region:", s3.meta.region_name)

# %% [markdown] course={"kind": "text"}
# A client is generated from the service's JSON model at run time, which is why `s3.put_object` exists even
# though no Python file defines it, and why botocore checks your parameters *before* sending anything: a
# misspelt or missing parameter raises `ParamValidationError` locally, not an error from AWS.

# %% course={"kind": "demo"}
operations = s3.meta.service_model.operation_names
print(len(operations), "S3 operations, e.g.", operations[:4])
try:
    s3.put_object(Bucket="demo-reports", Kye="typo.txt", Body=b"x")
except ParamValidationError as error:
    print("nothing sent:", type(error).__name__, [line[:55] + "..." for line in str(error).splitlines()[1:3]])

# %% [markdown] course={"kind": "lesson", "id": "authentication", "covers": ["c-authentication", "c-aws-credentials-file", "c-environment-variables", "c-iam-roles", "c-assume-role"]}
# ### Where credentials come from
#
# boto3 looks for credentials along a **chain** and stops at the first provider that has some. In order (the
# demo prints botocore's own list): keys passed in code; the environment (`AWS_ACCESS_KEY_ID`,
# `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN`); a profile that assumes a role (`role_arn` + `source_profile`),
# web identity (the way pods on EKS get a role) or SSO; the shared credentials file `~/.aws/credentials`; a
# `credential_process` command; the config file `~/.aws/config`; and last the machine itself: the container
# credentials endpoint (ECS tasks) and the **instance metadata service** (an EC2 instance's role). Recent
# botocore versions (1.44 here) also have a `login` provider (a profile holding a `login_session`, which the
# newer `aws login` of the CLI writes) and two for the files of the old `boto` 2 library; the list printed below
# is the one your version really uses.
#
# - An **IAM role** is an identity with policies but no long-lived keys. Whoever may assume it (an EC2
#   instance, a Lambda function, a CI job, a user of another account) gets **temporary** credentials from STS:
#   an access key starting `ASIA`, a secret, a session token and an expiry (an hour by default).
# - **Assume role** is that call made by hand: `sts.assume_role(RoleArn=..., RoleSessionName=...)`, then a
#   client built from the three values. This is how one automation account works in many accounts.
#
# Secure habits: no keys in code or git; on AWS machines use the role (keys never exist on disk); on laptops
# use SSO or short-lived profiles; one role per job with only the permissions it needs. This course sets fake
# keys in the environment and points the config files at a path that does not exist, so your own
# `~/.aws` is never read.
#
# **The one thing people get wrong:** an old `AWS_ACCESS_KEY_ID` left in the shell environment beats the profile
# you chose with `AWS_PROFILE`, because the environment comes first in the chain (a profile named *in code*,
# `Session(profile_name=...)`, does switch the environment provider off: the demo shows both).
# `aws sts get-caller-identity` (or `sts.get_caller_identity()`) tells you who you really are.

# %% course={"kind": "demo"}
# botocore's real credential chain, and which provider answers in five situations. The file is in a scratch folder.
import os

creds_file = SCRATCH / "credentials"
creds_file.write_text("[default]\naws_access_key_id = AKIADEFAULT\naws_secret_access_key = s1\n"
                      "[ci]\naws_access_key_id = AKIACIPROFILE\naws_secret_access_key = s2\n", encoding="utf-8")


def who_answers(profile: str | None = None) -> str:
    core = botocore.session.Session()
    core.set_config_variable("credentials_file", str(creds_file))
    core.set_config_variable("config_file", str(SCRATCH / "no-config"))
    if profile is not None:
        core.set_config_variable("profile", profile)  # as boto3.session.Session(profile_name=...) does
    found = core.get_credentials()  # the metadata service is never asked: the course sets AWS_EC2_METADATA_DISABLED
    return "nothing found" if found is None else f"{found.method:<24} {found.access_key}"


print("chain:", [provider.METHOD for provider in botocore.session.Session().get_component("credential_provider").providers])
KEYS = ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE", "AWS_ROLE_ARN",  # all put back
        "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "AWS_CONTAINER_CREDENTIALS_FULL_URI",
        "AWS_CREDENTIAL_FILE", "BOTO_CONFIG")
with preserved_environ(*KEYS):
    os.environ["BOTO_CONFIG"] = str(SCRATCH / "no-boto-config")  # else the old `boto` files (~/.boto) would be read
    print("AWS_* keys in the environment    ->", who_answers())
    os.environ["AWS_PROFILE"] = "ci"
    print("... and AWS_PROFILE=ci            ->", who_answers())
    print("... and profile_name='ci' in code ->", who_answers("ci"))
    for name in KEYS[:-1]:
        os.environ.pop(name, None)
    print("no AWS_* variables at all         ->", who_answers())
    creds_file.write_text("", encoding="utf-8")
    print("and an empty credentials file     ->", who_answers())

# %% course={"kind": "demo"}
# Assume a role through STS (moto answers like AWS does, without checking the trust policy), then use the keys.
sts = client("sts", URL)
trust = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]}
role = iam.create_role(RoleName="deployer", AssumeRolePolicyDocument=json.dumps(trust))["Role"]
temporary = sts.assume_role(RoleArn=role["Arn"], RoleSessionName="ci-job-42", DurationSeconds=900)["Credentials"]
print("temporary key:", temporary["AccessKeyId"][:4] + "...", "| expires:", type(temporary["Expiration"]).__name__)
as_role = boto3.session.Session(aws_access_key_id=temporary["AccessKeyId"], aws_secret_access_key=temporary["SecretAccessKey"],
                                aws_session_token=temporary["SessionToken"], region_name="us-east-1")
print("who am I now:", as_role.client("sts", endpoint_url=URL).get_caller_identity()["Arn"])

# %% [markdown] course={"kind": "lesson", "id": "core-services", "covers": ["c-core-services", "c-s3-buckets-objects-presigned-urls", "c-sqs-queues-messages", "c-sns-topics-subscriptions", "c-lambda-functions-invocations", "c-rds-instances-snapshots", "c-dynamodb-tables-items"]}
# ### The core services, from Python
#
# Every service is the same pattern: a client, operations named like the API reference, dicts in and out. What
# each one is for, the calls you use most, and what moto does with them here:
#
# | service | what it holds | calls you will write | here |
# |---|---|---|---|
# | S3 | buckets of objects (key → bytes + metadata) | `put_object`, `get_object`, `list_objects_v2`, `delete_objects`, `generate_presigned_url`, `upload_file` | emulated |
# | EC2 | instances, security groups, VPCs, subnets, volumes, AMIs | `run_instances`, `describe_instances(Filters=...)`, `stop_instances`, `create_tags`, `describe_security_groups` | emulated: instances are records, nothing boots |
# | IAM | users, groups, roles, policies (JSON documents) | `create_role`, `attach_role_policy`, `create_policy`, `get_policy_version` | stored and syntax-checked, **not enforced** |
# | Lambda | functions (a zip or image + handler) | `create_function`, `update_function_code`, `publish_version`, `invoke` | not used: moto needs Docker to run a function |
# | SQS | queues of messages | `send_message`, `receive_message`, `delete_message`, `change_message_visibility` | emulated |
# | SNS | topics that fan a message out to subscribers | `create_topic`, `subscribe`, `publish` | emulated, delivers to SQS |
# | CloudWatch | metrics, alarms; Logs holds log groups | `put_metric_data`, `put_metric_alarm`, `describe_alarms`, `logs.filter_log_events` | stored; moto does not evaluate alarms |
# | RDS | managed databases, snapshots | `describe_db_instances`, `create_db_snapshot` | emulated (records only), not used below |
# | DynamoDB | key-value tables | `put_item`, `get_item`, `query` (section 13.5 goes deep) | emulated |
#
# **S3** is the one everyone uses. Keys are flat strings: "folders" are only a prefix and a `/`. A **presigned
# URL** lets someone without AWS keys do one operation (download one object, upload one) until it expires: the
# URL carries your signature, so anyone holding it can use it; give short expiries. **SQS** gives *at-least-once*
# delivery: a received message is hidden for the queue's **visibility timeout**, and comes back unless you
# delete it, so a consumer deletes only what it finished. **SNS** pushes one published message to every
# subscriber (queues, Lambda functions, e-mail), the usual way to fan one event out to several consumers.
#
# **The one thing people get wrong:** `get_object` returns a *stream* in `["Body"]`, not bytes: call `.read()`
# (for small objects) or `iter_chunks()` (for big ones), and every object you fetch must be read or closed, or
# the connection is not returned to the pool.

# %% course={"kind": "demo"}
# S3: write, read back, and a presigned URL fetched with plain urllib (no boto3, no keys in the request).
import urllib.error
import urllib.request

s3.put_object(Bucket="demo-reports", Key="2026/03.csv", Body="city,sales\nOslo,3\n".encode(), ContentType="text/csv")
got = s3.get_object(Bucket="demo-reports", Key="2026/03.csv")
print(type(got["Body"]).__name__, "->", got["Body"].read(), got["ContentType"], got["ContentLength"])
link = s3.generate_presigned_url("get_object", Params={"Bucket": "demo-reports", "Key": "2026/03.csv"}, ExpiresIn=60)
print("presigned:", link.split("?")[0], "+", sorted(part.split("=")[0] for part in link.split("?")[1].split("&"))[:3], "...")
with urllib.request.urlopen(link, timeout=10) as reply:
    print("fetched without keys:", reply.status, reply.read())
try:
    urllib.request.urlopen(link.split("?")[0], timeout=10)  # the same object, no signature: refused
except urllib.error.HTTPError as refused:
    print("without the signature:", refused.code)
    refused.close()
# Unlike AWS, moto also accepts a link whose signature was changed or whose expiry has passed (AWS answers 403).

# %% course={"kind": "demo"}
# SNS fans one message out to two SQS queues (in AWS the queues would also need a policy letting SNS write).
sns = client("sns", URL)
topic = sns.create_topic(Name="deploys")["TopicArn"]
subscribers = {name: fresh_queue(name) for name in ("audit", "chatops")}
for queue in subscribers.values():
    arn = sqs.get_queue_attributes(QueueUrl=queue, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=arn, Attributes={"RawMessageDelivery": "true"})
sns.publish(TopicArn=topic, Message="web 1.4.2 deployed")
for name, queue in subscribers.items():
    message = sqs.receive_message(QueueUrl=queue, MaxNumberOfMessages=10, WaitTimeSeconds=0)["Messages"][0]
    print(f"{name:8} got {message['Body']!r}; before deleting it: {queue_counts(queue)} (ready, in flight)")
    sqs.delete_message(QueueUrl=queue, ReceiptHandle=message["ReceiptHandle"])
    print(f"{name:8} after delete_message: {queue_counts(queue)}")

# %% course={"kind": "demo"}
# Secrets Manager: the program asks for the secret at run time; nothing secret sits in code or in the image.
secrets = client("secretsmanager", URL)
secrets.create_secret(Name="prod/db", SecretString=json.dumps({"user": "app", "password": "s3cr3t-from-vault"}))
config = json.loads(secrets.get_secret_value(SecretId="prod/db")["SecretString"])
print("user:", config["user"], "| password:", "*" * len(config["password"]))

# %% [markdown] course={"kind": "exercise", "id": "object-or-none", "item": "x-upload-and-download-from-s3"}
# ### Download an object that may not be there
#
# Write `read_object(s3, bucket, key)` returning the object's body as `bytes`, or `None` when the **key** does
# not exist. Every other error must reach the caller unchanged: a missing **bucket** is a configuration mistake
# that must not look like "no file yet", and so is a denied access.
#
# ```python
# >>> read_object(s3, "demo-reports", "readme.txt"), read_object(s3, "demo-reports", "nope.txt")
# (b'hi', None)
# ```

# %% [markdown] course={"kind": "hint"}
# Catch `botocore.exceptions.ClientError` and look at `error.response["Error"]["Code"]`; S3 says `NoSuchKey`.

# %% [markdown] course={"kind": "hint"}
# A missing bucket is an HTTP 404 too (code `NoSuchBucket`), so the status code cannot tell the two apart. After
# checking the code, `raise` with no argument re-raises the same error.

# %% course={"kind": "solution"}
def read_object(s3: Any, bucket: str, key: str) -> bytes | None:
    ### BEGIN SOLUTION
    try:
        answer = s3.get_object(Bucket=bucket, Key=key)
    except ClientError as error:
        if error.response["Error"]["Code"] == "NoSuchKey":
            return None
        raise
    return answer["Body"].read()
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
fresh_bucket("t-read", {"a.txt": b"alpha", "empty.bin": b""})
assert read_object(s3, "t-read", "a.txt") == b"alpha", "the body of an existing object, as bytes"
assert read_object(s3, "t-read", "missing.txt") is None, "a missing key gives None"

# %% course={"kind": "test", "points": 2}
try:
    read_object(s3, "t-no-such-bucket", "a.txt")
except ClientError as error:
    assert error.response["Error"]["Code"] == "NoSuchBucket", f"the caller sees S3's own error, got {error}"
else:
    raise AssertionError("a missing bucket must raise ClientError (NoSuchBucket), not look like a missing key")
### BEGIN HIDDEN TESTS
fresh_bucket("t-read", {"a.txt": b"alpha", "empty.bin": b"", "d\u00e9j\u00e0 vu.txt": "\u00e9t\u00e9".encode()})
empty = read_object(s3, "t-read", "empty.bin")
assert empty == b"" and type(empty) is bytes, "an empty object is b'', not None"
assert read_object(s3, "t-read", "d\u00e9j\u00e0 vu.txt") == "\u00e9t\u00e9".encode()
assert read_object(s3, "t-read", "A.TXT") is None, "keys are case-sensitive"
with throttled(s3, "GetObject", 1, code="AccessDenied"):
    try:
        read_object(s3, "t-read", "a.txt")
    except ClientError as error:
        assert error.response["Error"]["Code"] == "AccessDenied"
    else:
        raise AssertionError("AccessDenied must reach the caller")
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "any-client-error", "fails": ["t2"]}
def read_object(s3, bucket, key):
    try:
        return s3.get_object(Bucket=bucket, Key=key)["Body"].read()
    except ClientError:
        return None

# %% course={"kind": "wrong", "id": "status-404", "fails": ["t2"]}
def read_object(s3, bucket, key):
    try:
        return s3.get_object(Bucket=bucket, Key=key)["Body"].read()
    except ClientError as error:
        if error.response["ResponseMetadata"]["HTTPStatusCode"] == 404:
            return None
        raise

# %% course={"kind": "wrong", "id": "returns-stream", "fails": ["t1", "t2"]}
def read_object(s3, bucket, key):
    try:
        return s3.get_object(Bucket=bucket, Key=key)["Body"]
    except ClientError as error:
        if error.response["Error"]["Code"] == "NoSuchKey":
            return None
        raise

# %% [markdown] course={"kind": "lesson", "id": "ec2-iam", "covers": ["c-ec2-instances-security-groups-vpcs", "c-iam-users-roles-policies"]}
# ### EC2 and IAM: filter on the server, policies are data
#
# **EC2** is where "list and manage instances" scripts live. An instance sits in a subnet of a **VPC**, has one
# or more **security groups** (stateful firewalls: inbound rules name ports and sources) and carries **tags**
# (key/value pairs: `team`, `env`, `owner`), which are how every inventory, cost report and clean-up script
# decides what belongs to whom. `describe_instances` answers with *reservations* (one per `run_instances`
# call), each holding *instances*: always loop over both.
#
# Ask the server to filter (`Filters=[{"Name": "tag:team", "Values": ["ml"]}]`,
# `instance-state-name`, `vpc-id`...) instead of fetching everything and filtering in Python: less data, fewer
# pages, fewer API calls against your account's rate limit. Some calls are huge when unfiltered:
# `describe_images()` with no owner lists every public AMI in the region (moto knows 1,301: about 5 s here), so
# always pass `Owners=[...]` or `ImageIds=[...]`.
#
# **IAM** policies are JSON documents: a list of statements, each with an `Effect` (`Allow`/`Deny`), `Action`s
# (`s3:GetObject`, wildcards allowed) and `Resource` ARNs. Evaluation: everything is denied unless some
# statement allows it, and an explicit `Deny` beats any `Allow`. Because a policy is data, you can check it in
# code review and in tests (the exercise below does), long before AWS applies it.
#
# **The one thing people get wrong:** `"Resource": "arn:aws:s3:::logs"` is the *bucket* (for `s3:ListBucket`),
# `"arn:aws:s3:::logs/*"` its *objects* (for `s3:GetObject`). A policy with only one of them works half-way.

# %% course={"kind": "demo"}
# `ec2` was made in the setup cell: one client for the whole notebook.
vpc = ec2.create_vpc(CidrBlock="10.0.0.0/16")["Vpc"]["VpcId"]
subnet = ec2.create_subnet(VpcId=vpc, CidrBlock="10.0.1.0/24")["Subnet"]["SubnetId"]
group = ec2.create_security_group(GroupName="web", Description="https in", VpcId=vpc)["GroupId"]
ec2.authorize_security_group_ingress(GroupId=group, IpPermissions=[
    {"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}])
for team, count in (("ml", 2), ("web", 1)):
    ec2.run_instances(ImageId="ami-12c6146b", MinCount=count, MaxCount=count, InstanceType="t3.micro", SubnetId=subnet,
                      SecurityGroupIds=[group], TagSpecifications=[{"ResourceType": "instance", "Tags": [{"Key": "team", "Value": team}]}])
answer = ec2.describe_instances(Filters=[{"Name": "tag:team", "Values": ["ml"]}, {"Name": "instance-state-name", "Values": ["running"]}])
print("ml instances:", [(i["InstanceType"], i["State"]["Name"], i["SubnetId"] == subnet)
                        for r in answer["Reservations"] for i in r["Instances"]], "in", len(answer["Reservations"]), "reservation(s)")
rules = ec2.describe_security_groups(GroupIds=[group])["SecurityGroups"][0]["IpPermissions"]
print("security group 'web' allows:", [(r["FromPort"], r["IpRanges"][0]["CidrIp"]) for r in rules])

# %% course={"kind": "demo"}
# IAM stores policies and checks their syntax (moto rejects a malformed one as AWS does), but never enforces them.
read_logs = {"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::logs"},
    {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::logs/*"}]}
made = iam.create_policy(PolicyName="read-logs", PolicyDocument=json.dumps(read_logs))["Policy"]
iam.attach_role_policy(RoleName="deployer", PolicyArn=made["Arn"])
print("attached:", [p["PolicyName"] for p in iam.list_attached_role_policies(RoleName="deployer")["AttachedPolicies"]])
try:
    iam.create_policy(PolicyName="broken", PolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Perhaps", "Action": "s3:*", "Resource": "*"}]}))
except ClientError as error:
    print("refused:", error.response["Error"]["Code"])

# %% [markdown] course={"kind": "exercise", "id": "ec2-inventory", "item": "x-list-and-manage-ec2-instances"}
# ### A tag-based EC2 inventory
#
# Write `inventory(ec2, tag_key)` returning a dict that maps each value of the tag `tag_key` to the sorted list
# of ids of the **running** instances carrying that tag; instances without the tag, or not running, are left
# out. An instance may carry several tags, in any order. Let the server do the filtering (the test checks that
# your requests filter on the tag key and on the instance state), and read **every page** of the answer: big
# accounts have more than one.
#
# ```python
# >>> inventory(ec2, "team")     # two running "ml" instances, one "web", one stopped "web", one untagged
# {'ml': ['i-0a...', 'i-0f...'], 'web': ['i-07...']}
# ```

# %% [markdown] course={"kind": "hint"}
# Filters: `{"Name": "tag-key", "Values": [tag_key]}` and `{"Name": "instance-state-name", "Values": ["running"]}`.
# `ec2.get_paginator("describe_instances").paginate(Filters=...)` walks the pages for you.

# %% [markdown] course={"kind": "hint"}
# Each page has `Reservations`, each reservation `Instances`, each instance `Tags` (a list of
# `{"Key": ..., "Value": ...}`). One `run_instances` call with `MinCount=2` makes one reservation of two instances.

# %% course={"kind": "solution"}
def inventory(ec2: Any, tag_key: str) -> dict[str, list[str]]:
    ### BEGIN SOLUTION
    filters = [{"Name": "tag-key", "Values": [tag_key]}, {"Name": "instance-state-name", "Values": ["running"]}]
    found: dict[str, list[str]] = {}
    for page in ec2.get_paginator("describe_instances").paginate(Filters=filters):
        for reservation in page["Reservations"]:
            for instance in reservation["Instances"]:
                tags = {tag["Key"]: tag["Value"] for tag in instance.get("Tags", [])}
                found.setdefault(tags[tag_key], []).append(instance["InstanceId"])
    return {value: sorted(ids) for value, ids in found.items()}
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
def launch(count: int, **tags: str) -> list[str]:
    specs = [{"ResourceType": "instance", "Tags": [{"Key": k, "Value": v} for k, v in tags.items()]}] if tags else []
    made = ec2.run_instances(ImageId="ami-12c6146b", MinCount=count, MaxCount=count, TagSpecifications=specs)
    return [instance["InstanceId"] for instance in made["Instances"]]


old = [i["InstanceId"] for p in ec2.get_paginator("describe_instances").paginate(Filters=[{"Name": "tag-key", "Values": ["owner"]}])
       for r in p["Reservations"] for i in r["Instances"]]
if old:  # a second run of this cell: terminated instances are no longer running
    ec2.terminate_instances(InstanceIds=old)
ml, web, stopped, untagged = launch(2, owner="ml"), launch(1, owner="web"), launch(1, owner="web"), launch(1)
ec2.stop_instances(InstanceIds=stopped)
assert inventory(ec2, "owner") == {"ml": sorted(ml), "web": web}, "running instances by tag value, ids sorted"

# %% course={"kind": "test", "points": 2}
with recorded(ec2, "DescribeInstances") as calls:
    inventory(ec2, "owner")
sent = {f["Name"]: f["Values"] for f in calls[0][1].get("Filters", [])}
assert sent.get("tag-key") == ["owner"] or "tag:owner" in sent, f"filter on the tag on the server: {sent}"
assert sent.get("instance-state-name") == ["running"], f"filter on the state on the server: {sent}"
### BEGIN HIDDEN TESTS
more = [launch(1, owner=f"team-{i % 3}")[0] for i in range(7)]
big = launch(6, owner="big")  # six random ids: returned in launch order, they are almost never sorted already
several = launch(1, env="prod", owner="multi") + launch(1, owner="multi", zone="a")  # the tag is not always first
several += launch(1, zone="b", owner="multi", env="dev")
expected = {"ml": sorted(ml), "web": web, "big": sorted(big), "multi": sorted(several)}
expected |= {f"team-{k}": sorted(more[k::3]) for k in range(3)}
with small_pages(ec2, "DescribeInstances", "MaxResults", 5), recorded(ec2, "DescribeInstances", limit=10) as calls:
    assert inventory(ec2, "owner") == expected, "every page is read"
assert len(calls) >= 2
assert inventory(ec2, "no-such-tag") == {}
launch(1, owner="")
assert inventory(ec2, "owner")[""] != [] and inventory(ec2, "Owner") == {}, "an empty value is a value; keys are case-sensitive"
got = inventory(ec2, "owner")
assert type(got) is dict and all(type(ids) is list for ids in got.values())
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "first-instance-only", "fails": ["t1", "t2"]}
def inventory(ec2, tag_key):
    filters = [{"Name": "tag-key", "Values": [tag_key]}, {"Name": "instance-state-name", "Values": ["running"]}]
    found = {}
    for page in ec2.get_paginator("describe_instances").paginate(Filters=filters):
        for reservation in page["Reservations"]:
            instance = reservation["Instances"][0]
            tags = {tag["Key"]: tag["Value"] for tag in instance.get("Tags", [])}
            found.setdefault(tags[tag_key], []).append(instance["InstanceId"])
    return {value: sorted(ids) for value, ids in found.items()}

# %% course={"kind": "wrong", "id": "first-tag-is-it", "fails": ["t2"]}
def inventory(ec2, tag_key):
    filters = [{"Name": "tag-key", "Values": [tag_key]}, {"Name": "instance-state-name", "Values": ["running"]}]
    found = {}
    for page in ec2.get_paginator("describe_instances").paginate(Filters=filters):
        for reservation in page["Reservations"]:
            for instance in reservation["Instances"]:
                found.setdefault(instance["Tags"][0]["Value"], []).append(instance["InstanceId"])
    return {value: sorted(ids) for value, ids in found.items()}

# %% course={"kind": "wrong", "id": "filter-in-python", "fails": ["t2"]}
def inventory(ec2, tag_key):
    found = {}
    for page in ec2.get_paginator("describe_instances").paginate():
        for reservation in page["Reservations"]:
            for instance in reservation["Instances"]:
                tags = {tag["Key"]: tag["Value"] for tag in instance.get("Tags", [])}
                if tag_key in tags and instance["State"]["Name"] == "running":
                    found.setdefault(tags[tag_key], []).append(instance["InstanceId"])
    return {value: sorted(ids) for value, ids in found.items()}

# %% course={"kind": "wrong", "id": "one-page", "fails": ["t2"]}
def inventory(ec2, tag_key):
    filters = [{"Name": "tag-key", "Values": [tag_key]}, {"Name": "instance-state-name", "Values": ["running"]}]
    found = {}
    for reservation in ec2.describe_instances(Filters=filters)["Reservations"]:
        for instance in reservation["Instances"]:
            tags = {tag["Key"]: tag["Value"] for tag in instance.get("Tags", [])}
            found.setdefault(tags[tag_key], []).append(instance["InstanceId"])
    return {value: sorted(ids) for value, ids in found.items()}

# %% [markdown] course={"kind": "exercise", "id": "policy-allows"}
# ### Evaluate an IAM policy: least privilege, checked in code
#
# Write `allows(policy, action, resource)` that says whether the policy document grants `action` on `resource`:
#
# - `policy["Statement"]` is one statement (a dict) or a list of them; in a statement, `Action` and `Resource`
#   are a string or a list of strings;
# - a pattern may use `*` (any run of characters, also none) and `?` (exactly one character); **no other
#   character is special** (IAM has no `[...]` sets); actions match **ignoring case** (`S3:getobject` is
#   `s3:GetObject`), resources match **exactly**;
# - the answer is `False` unless some `Allow` statement matches, and any matching `Deny` makes it `False`.
#
# (Real IAM also has `NotAction`, `Condition`, principals and policy variables; leave them out.)
#
# ```python
# >>> allows(read_logs, "s3:GetObject", "arn:aws:s3:::logs/2026/01.gz"), allows(read_logs, "s3:PutObject", "arn:aws:s3:::logs/x")
# (True, False)
# ```

# %% [markdown] course={"kind": "hint"}
# Turn a pattern into a regular expression: `re.escape` every character, then let `*` become `.*` and `?` become
# `.`; match with `re.fullmatch`, adding `re.IGNORECASE` for actions.

# %% [markdown] course={"kind": "hint"}
# `fnmatch` looks right but treats `[abc]` as a set (and `fnmatch.fnmatch`, unlike `fnmatchcase`, also folds
# case on Windows). Normalise strings to lists first: `[value] if isinstance(value, str) else value`.

# %% course={"kind": "solution"}
def allows(policy: Mapping[str, Any], action: str, resource: str) -> bool:
    ### BEGIN SOLUTION
    def listed(value: Any) -> Any:
        return [value] if isinstance(value, (str, dict)) else value

    def regex(pattern: str) -> str:
        return "".join(".*" if c == "*" else "." if c == "?" else re.escape(c) for c in pattern)

    def matches(patterns: Any, text: str, flags: int) -> bool:
        return any(re.fullmatch(regex(pattern), text, flags | re.DOTALL) for pattern in listed(patterns))

    allowed = False
    for statement in listed(policy["Statement"]):
        if matches(statement["Action"], action, re.IGNORECASE) and matches(statement["Resource"], resource, 0):
            if statement["Effect"] == "Deny":
                return False
            allowed = True
    return allowed
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
READ_LOGS = {"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::logs"},
    {"Effect": "Allow", "Action": ["s3:GetObject", "s3:GetObjectVersion"], "Resource": "arn:aws:s3:::logs/*"}]}
assert allows(READ_LOGS, "s3:GetObject", "arn:aws:s3:::logs/2026/01.gz") is True, "an Allow with a * in the resource"
assert allows(READ_LOGS, "s3:PutObject", "arn:aws:s3:::logs/2026/01.gz") is False, "nothing allows PutObject"
assert allows(READ_LOGS, "s3:GetObject", "arn:aws:s3:::logs") is False, "the bucket ARN is not an object ARN"

# %% course={"kind": "test", "points": 2}
GUARDED = {"Statement": [
    {"Effect": "Allow", "Action": "s3:*", "Resource": "*"},
    {"Effect": "Deny", "Action": "s3:Delete*", "Resource": "arn:aws:s3:::prod-*"}]}
assert allows(GUARDED, "s3:DeleteObject", "arn:aws:s3:::dev-data/x") is True, "allowed outside prod"
assert allows(GUARDED, "s3:DeleteObject", "arn:aws:s3:::prod-data/x") is False, "an explicit Deny beats any Allow"
### BEGIN HIDDEN TESTS
DENY_FIRST = {"Statement": [GUARDED["Statement"][1], GUARDED["Statement"][0]]}
assert allows(DENY_FIRST, "s3:DeleteBucket", "arn:aws:s3:::prod-x") is False and allows(DENY_FIRST, "s3:GetObject", "arn:aws:s3:::prod-x") is True
assert allows({"Statement": [GUARDED["Statement"][1]]}, "s3:GetObject", "arn:aws:s3:::dev") is False, "a lone Deny allows nothing"
assert allows({"Statement": []}, "s3:GetObject", "*") is False
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
assert allows({"Statement": {"Effect": "Allow", "Action": "S3:getobject", "Resource": "arn:aws:s3:::b/k"}}, "s3:GetObject", "arn:aws:s3:::b/k") is True, (
    "one statement as a dict; actions ignore case"
)
assert allows({"Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/K"}}, "s3:GetObject", "arn:aws:s3:::b/k") is False, (
    "resources are case-sensitive"
)
### BEGIN HIDDEN TESTS
one_char = {"Statement": {"Effect": "Allow", "Action": "ec2:Describe?nstances", "Resource": ["arn:x:?", "arn:y:[ab]"]}}
assert allows(one_char, "ec2:DescribeInstances", "arn:x:1") is True
assert allows(one_char, "ec2:DescribeInstances", "arn:x:") is False and allows(one_char, "ec2:DescribeInstances", "arn:x:12") is False
assert allows(one_char, "ec2:Describenstances", "arn:x:1") is False, "? is exactly one character"
assert allows(one_char, "ec2:DescribeInstances", "arn:y:[ab]") is True and allows(one_char, "ec2:DescribeInstances", "arn:y:a") is False, "[ is not special"
dots = {"Statement": {"Effect": "Allow", "Action": "s3:Get.bject", "Resource": "arn:aws:s3:::a.b/*"}}
assert allows(dots, "s3:GetObject", "arn:aws:s3:::a.b/x") is False and allows(dots, "s3:Get.bject", "arn:aws:s3:::axb/x") is False, "a dot is a dot"
star = {"Statement": {"Effect": "Allow", "Action": "*", "Resource": "arn:aws:s3:::b/*"}}
assert allows(star, "iam:CreateUser", "arn:aws:s3:::b/") is True and allows(star, "iam:CreateUser", "arn:aws:s3:::b") is False
assert allows({"Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}}, "s3:GetObject", "arn:aws:s3:::b/line\nbreak") is True
assert allows({"Statement": {"Effect": "Allow", "Action": "s3:List*", "Resource": "*"}}, "s3:GetObjectList", "x") is False, "the pattern must match the whole action"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "uses-fnmatch", "fails": ["t3"]}
def allows(policy, action, resource):
    statements = policy["Statement"]
    statements = [statements] if isinstance(statements, dict) else statements
    allowed = False
    for statement in statements:
        actions = [statement["Action"]] if isinstance(statement["Action"], str) else statement["Action"]
        resources = [statement["Resource"]] if isinstance(statement["Resource"], str) else statement["Resource"]
        if any(fnmatch.fnmatchcase(action.lower(), a.lower()) for a in actions) and any(fnmatch.fnmatchcase(resource, r) for r in resources):
            if statement["Effect"] == "Deny":
                return False
            allowed = True
    return allowed

# %% course={"kind": "wrong", "id": "first-match-wins", "fails": ["t2"]}
def allows(policy, action, resource):
    statements = policy["Statement"]
    statements = [statements] if isinstance(statements, dict) else statements
    for statement in statements:
        actions = [statement["Action"]] if isinstance(statement["Action"], str) else statement["Action"]
        resources = [statement["Resource"]] if isinstance(statement["Resource"], str) else statement["Resource"]
        act = any(re.fullmatch(re.escape(a).replace("\\*", ".*").replace("\\?", "."), action, re.I | re.S) for a in actions)
        res = any(re.fullmatch(re.escape(r).replace("\\*", ".*").replace("\\?", "."), resource, re.S) for r in resources)
        if act and res:
            return statement["Effect"] == "Allow"
    return False

# %% course={"kind": "wrong", "id": "case-everywhere", "fails": ["t3"]}
def allows(policy, action, resource):
    statements = policy["Statement"]
    statements = [statements] if isinstance(statements, dict) else statements
    allowed = False
    for statement in statements:
        actions = [statement["Action"]] if isinstance(statement["Action"], str) else statement["Action"]
        resources = [statement["Resource"]] if isinstance(statement["Resource"], str) else statement["Resource"]
        act = any(re.fullmatch(re.escape(a).replace("\\*", ".*").replace("\\?", "."), action, re.I | re.S) for a in actions)
        res = any(re.fullmatch(re.escape(r).replace("\\*", ".*").replace("\\?", "."), resource, re.I | re.S) for r in resources)
        if act and res:
            if statement["Effect"] == "Deny":
                return False
            allowed = True
    return allowed

# %% [markdown] course={"kind": "lesson", "id": "pagination", "covers": ["c-pagination", "c-paginators", "c-manual-pagination"]}
# ### Pagination: one call is one page
#
# List operations answer one **page** at a time: `list_objects_v2` at most 1,000 keys, `describe_instances` a
# page of reservations, `list_users` 100 by default. The answer says whether more exist (`IsTruncated`, or a
# `NextToken`/`NextContinuationToken`/`Marker` field) and you pass that token back to get the next page. Every
# service names the tokens differently, which is why botocore has **paginators**:
# `client.get_paginator("list_objects_v2").paginate(Bucket=..., Prefix=...)` knows the token names and yields
# pages until the last one. `PaginationConfig={"PageSize": n, "MaxItems": m}` sets the page size and a cap, and
# `.search("Contents[].Key")` (a JMESPath expression) yields items across all pages.
#
# Write the loop yourself (**manual pagination**) when an operation has no paginator (`client.can_paginate(name)`
# says), when you must stop and resume later (keep the last token), or when you wrap a non-boto3 API.
#
# **The one thing people get wrong:** code that calls `list_objects_v2` once works in every test with a few
# objects, and silently drops everything after the first 1,000 keys in production. Below, the course forces
# pages of 2 items, so that mistake shows with five objects.

# %% course={"kind": "demo"}
fresh_bucket("demo-pages", {f"logs/2026-01-0{d}.gz": b"x" * d for d in range(1, 6)})
with small_pages(s3, "ListObjectsV2", "MaxKeys", 2):
    once = s3.list_objects_v2(Bucket="demo-pages", Prefix="logs/")
    print("one call:  ", len(once["Contents"]), "keys, IsTruncated =", once["IsTruncated"])
    pages = s3.get_paginator("list_objects_v2").paginate(Bucket="demo-pages", Prefix="logs/")
    print("paginator: ", [len(page["Contents"]) for page in pages], "keys per page")
    print("search:    ", list(s3.get_paginator("list_objects_v2").paginate(Bucket="demo-pages").search("Contents[].Size")))
print("has a paginator:", {op: s3.can_paginate(op) for op in ("list_objects_v2", "list_buckets", "get_object")})

# %% [markdown] course={"kind": "exercise", "id": "keys-under-prefix"}
# ### Every key under a prefix
#
# Write `keys_under(s3, bucket, prefix)` returning the list of **all** keys that start with `prefix`, in the
# order S3 lists them. Ask S3 for the prefix (do not list the whole bucket and filter in Python: a bucket can
# hold millions of keys), and follow the pages to the end: the tests force pages of two keys.
#
# ```python
# >>> keys_under(s3, "demo-pages", "logs/2026-01-0")[:2]
# ['logs/2026-01-01.gz', 'logs/2026-01-02.gz']
# ```

# %% [markdown] course={"kind": "hint"}
# `s3.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix)` yields the pages.

# %% [markdown] course={"kind": "hint"}
# A page with no keys has no `Contents` at all: use `page.get("Contents", [])`. By hand: pass
# `ContinuationToken=answer["NextContinuationToken"]` while `answer["IsTruncated"]` is true.

# %% course={"kind": "solution"}
def keys_under(s3: Any, bucket: str, prefix: str) -> list[str]:
    ### BEGIN SOLUTION
    keys = []
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix):
        keys.extend(item["Key"] for item in page.get("Contents", []))
    return keys
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
fresh_bucket("t-prefix", {"a/1": b"", "a/2": b"", "b/1": b""})
assert keys_under(s3, "t-prefix", "a/") == ["a/1", "a/2"], "the keys under a/, in S3's order"

# %% course={"kind": "test", "points": 2}
fresh_bucket("t-prefix", {f"data/{i:02}.csv": b"x" for i in range(7)} | {"data.txt": b"", "other/1": b""})
with small_pages(s3, "ListObjectsV2", "MaxKeys", 2), recorded(s3, "ListObjectsV2", limit=20) as calls:
    got = keys_under(s3, "t-prefix", "data/")
assert got == [f"data/{i:02}.csv" for i in range(7)], f"all 7 keys, across 4 pages of 2: got {got}"
assert all(params.get("Prefix") == "data/" for _, params in calls), "ask S3 for the prefix, on every page"
### BEGIN HIDDEN TESTS
assert type(got) is list and all(type(k) is str for k in got)
assert len(calls) == 4, f"4 pages of at most 2 keys: {len(calls)} calls"
with small_pages(s3, "ListObjectsV2", "MaxKeys", 2):
    assert keys_under(s3, "t-prefix", "nothing/") == [], "no match: an empty list"
    assert keys_under(s3, "t-prefix", "data") == ["data.txt"] + [f"data/{i:02}.csv" for i in range(7)], "a prefix is not a folder"
    assert keys_under(s3, "t-prefix", "") == ["data.txt"] + [f"data/{i:02}.csv" for i in range(7)] + ["other/1"]
fresh_bucket("t-prefix", {"\u00e9t\u00e9/1": b"", "\u00e9t\u00e9/2": b""})
assert keys_under(s3, "t-prefix", "\u00e9t\u00e9/") == ["\u00e9t\u00e9/1", "\u00e9t\u00e9/2"]
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "first-page-only", "fails": ["t2"]}
def keys_under(s3, bucket, prefix):
    answer = s3.list_objects_v2(Bucket=bucket, Prefix=prefix)
    return [item["Key"] for item in answer.get("Contents", [])]

# %% course={"kind": "wrong", "id": "token-never-passed", "fails": ["t2"]}
def keys_under(s3, bucket, prefix):
    keys = []
    answer = s3.list_objects_v2(Bucket=bucket, Prefix=prefix)
    keys += [item["Key"] for item in answer.get("Contents", [])]
    while answer["IsTruncated"]:
        answer = s3.list_objects_v2(Bucket=bucket, Prefix=prefix)
        keys += [item["Key"] for item in answer.get("Contents", [])]
    return keys

# %% course={"kind": "wrong", "id": "filter-in-python", "fails": ["t2"]}
def keys_under(s3, bucket, prefix):
    keys = []
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket):
        keys.extend(item["Key"] for item in page.get("Contents", []) if item["Key"].startswith(prefix))
    return keys

# %% [markdown] course={"kind": "lesson", "id": "waiters", "covers": ["c-waiters", "c-built-in-waiters", "c-custom-waiters"]}
# ### Waiters: poll until a state is reached
#
# Many AWS operations return before the work is done: `run_instances` answers while the instance is still
# `pending`, `create_db_instance` long before the database accepts connections. A **waiter** polls a describe
# call until the resource reaches a state, and fails with `WaiterError` after a number of attempts.
# `client.waiter_names` lists the built-in ones (`instance_running`, `bucket_exists`, `db_instance_available`...);
# `client.get_waiter("instance_running").wait(InstanceIds=[...], WaiterConfig={"Delay": 15, "MaxAttempts": 40})`
# sets how often and how long. S3's `bucket_exists`, for instance, polls every 5 s, at most 20 times.
#
# A **custom waiter** is the same machinery with your own model: which operation to call, how often, and
# *acceptors* that map a value in the answer (a JMESPath path) or an error code to `success`, `failure` or
# `retry`. botocore builds it with `WaiterModel` and `create_waiter_with_client`.
#
# **The one thing people get wrong:** forgetting how long a waiter may block. It sleeps `Delay` seconds between
# polls, in your thread, up to `MaxAttempts` times: `instance_running` waits up to 15 s × 40 = 10 minutes by
# default, and then raises `WaiterError`, which a script must catch or let fail loudly. Set both for your case
# (a CI job has a time limit). Here every waiter uses `Delay: 0` or succeeds on its first poll, so nothing waits.

# %% course={"kind": "demo"}
from botocore.exceptions import WaiterError
from botocore.waiter import WaiterModel, create_waiter_with_client

print("some EC2 waiters:", [name for name in ec2.waiter_names if name.startswith("instance")])
s3.get_waiter("object_exists").wait(Bucket="demo-pages", Key="logs/2026-01-01.gz", WaiterConfig={"Delay": 0, "MaxAttempts": 2})
print("object_exists: returned at once")
try:
    s3.get_waiter("object_exists").wait(Bucket="demo-pages", Key="missing", WaiterConfig={"Delay": 0, "MaxAttempts": 3})
except WaiterError as error:
    print("object_exists on a missing key:", error.kwargs["reason"])

model = WaiterModel({"version": 2, "waiters": {"QueueDrained": {
    "operation": "GetQueueAttributes", "delay": 0, "maxAttempts": 3,
    "acceptors": [{"matcher": "path", "argument": "Attributes.ApproximateNumberOfMessages", "expected": "0", "state": "success"},
                  {"matcher": "error", "expected": "AWS.SimpleQueueService.NonExistentQueue", "state": "failure"}]}}})
drained = create_waiter_with_client("QueueDrained", model, sqs)
queue = fresh_queue("demo-waiter")
drained.wait(QueueUrl=queue, AttributeNames=["ApproximateNumberOfMessages"])
print("custom waiter QueueDrained: empty queue -> success")
sqs.send_message(QueueUrl=queue, MessageBody="job")
try:
    drained.wait(QueueUrl=queue, AttributeNames=["ApproximateNumberOfMessages"])
except WaiterError as error:
    print("with a message left:", error.kwargs["reason"])

# %% [markdown] course={"kind": "lesson", "id": "errors-retries", "covers": ["c-error-handling", "c-botocore-exceptions", "c-retry-logic", "c-rate-limiting"]}
# ### Errors, retries and rate limits
#
# botocore raises two families of errors:
#
# | raised | when | look at |
# |---|---|---|
# | `ClientError` (and its per-service subclasses, `s3.exceptions.NoSuchKey`...) | AWS (here moto) answered with an error | `error.response["Error"]["Code"]`, `["ResponseMetadata"]["HTTPStatusCode"]` |
# | `ParamValidationError` | your parameters do not fit the API model; nothing was sent | the message |
# | `NoCredentialsError`, `ProfileNotFound` | the credential chain found nothing / no such profile | your configuration |
# | `EndpointConnectionError`, `ConnectTimeoutError`, `ReadTimeoutError` | the network | retry, or fix the endpoint |
#
# Branch on the **error code**, never on the message text or only the HTTP status (S3 answers 404 for both
# `NoSuchKey` and `NoSuchBucket`).
#
# **Retries.** Every AWS API has rate limits; over them, it answers a throttling error (`ThrottlingException`,
# `Throttling`, `RequestLimitExceeded` on EC2, `SlowDown` on S3, `ProvisionedThroughputExceededException` on
# DynamoDB...). botocore already retries those and transient errors (5xx, connection errors), with
# exponential backoff and random jitter, in one of three modes set by `Config(retries={"mode": ...,
# "total_max_attempts": n})` or `AWS_RETRY_MODE`:
#
# - `legacy`, the default when nothing is configured: 5 attempts in all for most services;
# - `standard`: 3 attempts by default (DynamoDB 4), a documented list of retryable codes, and a *retry quota*
#   (a budget that runs out when many retries fail, and then stops retrying until calls succeed again);
# - `adaptive`: `standard` plus a client-side rate limiter that slows the client down after throttling.
#
# Your own retry loop is for what botocore does not cover: a batch that partly failed, an eventual-consistency
# "not found yet", or a budget you must control. **Rate limiting** on your side (a token bucket, fewer
# parallel workers, bigger pages) prevents throttling instead of recovering from it.
#
# **The one thing people get wrong:** retrying *every* error. `AccessDenied`, `NoSuchBucket` or a validation
# error will fail the same way on every attempt; retrying them only delays the real message and hammers the
# API. Retry throttling and transient errors, with backoff, a cap and a limit on attempts.

# %% course={"kind": "demo"}
# The same failure seen three ways; then a (fake) rate limit. `sqs` was made with total_max_attempts=1 (ONE_TRY).
for attempt in (lambda: s3.get_object(Bucket="demo-pages", Key="nope"),
                lambda: s3.get_object(Bucket="no-such-bucket-here", Key="nope"),
                lambda: s3.get_object(Bucket="demo-pages")):
    try:
        attempt()
    except ClientError as error:
        print(f"ClientError {error.response['Error']['Code']:>14}  HTTP {error.response['ResponseMetadata']['HTTPStatusCode']}")
    except ParamValidationError as error:
        print("ParamValidationError (nothing sent):", str(error).splitlines()[-1])
print("NoSuchKey is a ClientError subclass:", issubclass(s3.exceptions.NoSuchKey, ClientError))
queue = fresh_queue("demo-throttle")
with throttled(sqs, "SendMessage", 1):
    try:
        sqs.send_message(QueueUrl=queue, MessageBody="too fast")
    except ClientError as error:
        print("rate limited:", error.response["Error"]["Code"], "| the next call goes through:",
              "MessageId" in sqs.send_message(QueueUrl=queue, MessageBody="later"))
print("this client's retry settings:", sqs.meta.config.retries)

# %% [markdown] course={"kind": "exercise", "id": "retry-backoff"}
# ### Retry throttled calls with exponential backoff
#
# Write `call_with_backoff(call, *, attempts=5, base=0.1, cap=2.0, sleep=time.sleep)`. It calls `call()` and
# returns its result. When `call()` raises a `ClientError` whose code is in `THROTTLING` (setup cell), it sleeps and
# tries again: before retry number `n` (1, 2, ...) it sleeps `min(cap, base * 2 ** (n - 1))` seconds. It makes
# at most `attempts` calls in all and then re-raises the last error; it never sleeps after the last attempt.
# Any other exception is raised at once, without sleeping. `attempts` below 1 raises `ValueError`.
# (Production code adds random jitter to the delay; this exercise leaves it out so the delays can be checked.)
#
# ```python
# >>> clock = FakeClock()
# >>> with throttled(sqs, "SendMessage", 2):       # the next 2 SendMessage calls are throttled
# ...     call_with_backoff(lambda: sqs.send_message(QueueUrl=queue, MessageBody="hi"), sleep=clock.sleep)
# >>> clock.sleeps
# [0.1, 0.2]
# ```

# %% [markdown] course={"kind": "hint"}
# A `for attempt in range(1, attempts + 1):` loop around a `try`; in the `except ClientError as error:` branch,
# re-raise (`raise`) when the code is not a throttling code or when this was the last attempt.

# %% [markdown] course={"kind": "hint"}
# The delay before retry `n` is computed from the number of the attempt that just failed: after attempt 1 it is
# `base`, after attempt 2 `base * 2`, and never more than `cap`.

# %% course={"kind": "solution", "equivalent": {"m-b3f7803c": "the last attempt raises before the loop could run once more", "m-359a6c64": "every pass of the loop returns or raises, so the line after it never runs"}}
def call_with_backoff(call: Callable[[], Any], *, attempts: int = 5, base: float = 0.1, cap: float = 2.0,
                      sleep: Callable[[float], None] = time.sleep) -> Any:
    ### BEGIN SOLUTION
    if attempts < 1:
        raise ValueError(f"attempts must be at least 1, got {attempts}")
    for attempt in range(1, attempts + 1):
        try:
            return call()
        except ClientError as error:
            if error.response["Error"]["Code"] not in THROTTLING or attempt == attempts:
                raise
            sleep(min(cap, base * 2 ** (attempt - 1)))
    raise AssertionError("unreachable")
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
queue = fresh_queue("t-backoff")
clock = FakeClock()
with throttled(sqs, "SendMessage", 2) as refused:
    answer = call_with_backoff(lambda: sqs.send_message(QueueUrl=queue, MessageBody="hi"), sleep=clock.sleep)
assert "MessageId" in answer, "the result of the successful call is returned"
assert len(refused) == 2 and clock.sleeps == [0.1, 0.2], f"two throttled calls, slept {clock.sleeps}"

# %% course={"kind": "test", "points": 2}
clock = FakeClock()
with throttled(sqs, "SendMessage", 10, code="RequestLimitExceeded") as refused:
    try:
        call_with_backoff(lambda: sqs.send_message(QueueUrl=queue, MessageBody="x"), attempts=3, sleep=clock.sleep)
    except ClientError as error:
        assert error.response["Error"]["Code"] == "RequestLimitExceeded", "the last error is re-raised"
    else:
        raise AssertionError("after `attempts` throttled calls the error must be raised")
assert len(refused) == 3, f"exactly `attempts` calls: {len(refused)}"
assert clock.sleeps == [0.1, 0.2], f"no sleep after the last attempt: {clock.sleeps}"
### BEGIN HIDDEN TESTS
clock = FakeClock()
with throttled(sqs, "SendMessage", 5, code="SlowDown") as refused:
    call_with_backoff(lambda: sqs.send_message(QueueUrl=queue, MessageBody="x"), attempts=6, base=1.0, cap=5.0, sleep=clock.sleep)
assert clock.sleeps == [1.0, 2.0, 4.0, 5.0, 5.0] and len(refused) == 5, clock.sleeps
clock = FakeClock()
with throttled(sqs, "SendMessage", 1) as refused:
    try:
        call_with_backoff(lambda: sqs.send_message(QueueUrl=queue, MessageBody="x"), attempts=1, sleep=clock.sleep)
    except ClientError:
        pass
    else:
        raise AssertionError("attempts=1: one call, no retry")
assert clock.sleeps == [] and len(refused) == 1
clock = FakeClock()
with throttled(sqs, "SendMessage", 4, code="ThrottlingException"):
    call_with_backoff(lambda: sqs.send_message(QueueUrl=queue, MessageBody="x"), sleep=clock.sleep)
assert clock.sleeps == [0.1, 0.2, 0.4, 0.8], clock.sleeps
results = iter(["first"])
assert call_with_backoff(lambda: next(results), sleep=clock.sleep) == "first"
assert call_with_backoff(lambda: None, sleep=clock.sleep) is None
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
clock = FakeClock()
try:
    call_with_backoff(lambda: sqs.send_message(QueueUrl=queue + "-missing", MessageBody="x"), sleep=clock.sleep)
except ClientError as error:
    assert "NonExistentQueue" in error.response["Error"]["Code"], error.response["Error"]
else:
    raise AssertionError("a missing queue is not throttling: raise it")
assert clock.sleeps == [], f"no retry, no sleep for a non-throttling error: {clock.sleeps}"
for bad in (0, -1):
    try:
        call_with_backoff(lambda: "never", attempts=bad, sleep=clock.sleep)
    except ValueError:
        pass
    else:
        raise AssertionError(f"attempts={bad} must raise ValueError")
### BEGIN HIDDEN TESTS
calls = []


def broken() -> None:
    calls.append(1)
    raise KeyError("not an AWS error")


try:
    call_with_backoff(broken, sleep=clock.sleep)
except KeyError:
    pass
assert calls == [1] and clock.sleeps == [], "other exceptions: raised at once"
with throttled(sqs, "SendMessage", 3, code="AccessDenied") as refused:
    try:
        call_with_backoff(lambda: sqs.send_message(QueueUrl=queue, MessageBody="x"), sleep=clock.sleep)
    except ClientError:
        pass
assert len(refused) == 1 and clock.sleeps == []
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "retries-everything", "fails": ["t3"]}
def call_with_backoff(call, *, attempts=5, base=0.1, cap=2.0, sleep=time.sleep):
    if attempts < 1:
        raise ValueError(attempts)
    for attempt in range(1, attempts + 1):
        try:
            return call()
        except ClientError:
            if attempt == attempts:
                raise
            sleep(min(cap, base * 2 ** (attempt - 1)))

# %% course={"kind": "wrong", "id": "sleeps-after-last", "fails": ["t2"]}
def call_with_backoff(call, *, attempts=5, base=0.1, cap=2.0, sleep=time.sleep):
    if attempts < 1:
        raise ValueError(attempts)
    last = None
    for attempt in range(1, attempts + 1):
        try:
            return call()
        except ClientError as error:
            if error.response["Error"]["Code"] not in THROTTLING:
                raise
            last = error
            sleep(min(cap, base * 2 ** (attempt - 1)))
    raise last

# %% course={"kind": "wrong", "id": "no-cap", "fails": ["t2"]}
def call_with_backoff(call, *, attempts=5, base=0.1, cap=2.0, sleep=time.sleep):
    if attempts < 1:
        raise ValueError(attempts)
    for attempt in range(1, attempts + 1):
        try:
            return call()
        except ClientError as error:
            if error.response["Error"]["Code"] not in THROTTLING or attempt == attempts:
                raise
            sleep(base * 2 ** (attempt - 1))

# %% course={"kind": "wrong", "id": "one-retry-too-many", "fails": ["t2"]}
def call_with_backoff(call, *, attempts=5, base=0.1, cap=2.0, sleep=time.sleep):
    if attempts < 1:
        raise ValueError(attempts)
    for attempt in range(attempts + 1):
        try:
            return call()
        except ClientError as error:
            if error.response["Error"]["Code"] not in THROTTLING or attempt == attempts:
                raise
            sleep(min(cap, base * 2 ** attempt))

# %% [markdown] course={"kind": "exercise", "id": "sqs-worker", "item": "x-create-and-manage-sqs-queues"}
# ### An SQS worker that loses nothing
#
# Write `drain(sqs, queue_url, handle)`: receive messages from the queue, up to 10 per call, without long
# polling (`WaitTimeSeconds=0`), and call `handle(body)` for each. Delete a message **only after** `handle`
# returned; if `handle` raises an `Exception`, leave the message alone (SQS makes it visible again when its
# visibility timeout ends, so another try or a dead-letter queue deals with it) and go on with the others. Stop
# only when a receive returns no message at all: SQS may answer fewer messages than you asked for while more are
# waiting, so a short batch is not the end. Return the number of messages handled and deleted.
#
# ```python
# >>> drain(sqs, queue, lambda body: print("got", body))      # the queue holds "a" and "b"
# got a
# got b
# 2
# ```

# %% [markdown] course={"kind": "hint"}
# `sqs.receive_message(QueueUrl=..., MaxNumberOfMessages=10, WaitTimeSeconds=0).get("Messages", [])`; a message
# has a `Body` and a `ReceiptHandle`, which `delete_message` needs.

# %% [markdown] course={"kind": "hint"}
# `try: handle(body) except Exception: continue`, then `delete_message`. A failed message stays in flight
# (invisible) for the visibility timeout, so the next receive does not return it again here.

# %% course={"kind": "solution"}
def drain(sqs: Any, queue_url: str, handle: Callable[[str], object]) -> int:
    ### BEGIN SOLUTION
    done = 0
    while True:
        messages = sqs.receive_message(QueueUrl=queue_url, MaxNumberOfMessages=10, WaitTimeSeconds=0).get("Messages", [])
        if not messages:
            return done
        for message in messages:
            try:
                handle(message["Body"])
            except Exception:
                continue
            sqs.delete_message(QueueUrl=queue_url, ReceiptHandle=message["ReceiptHandle"])
            done += 1
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
queue = fresh_queue("t-drain")
for body in ("a", "b", "c"):
    sqs.send_message(QueueUrl=queue, MessageBody=body)
seen: list[str] = []
assert drain(sqs, queue, seen.append) == 3, "three messages handled"
assert sorted(seen) == ["a", "b", "c"] and queue_counts(queue) == (0, 0), "each handled once, and deleted"

# %% course={"kind": "test", "points": 2}
queue = fresh_queue("t-drain")
for i in range(25):
    sqs.send_message(QueueUrl=queue, MessageBody=f"job-{i}")


def picky(body: str) -> None:
    if body in ("job-3", "job-17"):
        raise RuntimeError(f"cannot handle {body}")


with recorded(sqs, "ReceiveMessage", limit=40) as receives:
    handled = drain(sqs, queue, picky)
assert handled == 23, f"23 of 25 handled (more than one batch of 10): {handled}"
assert queue_counts(queue) == (0, 2), f"the 2 failed messages are in flight, not deleted: {queue_counts(queue)}"
### BEGIN HIDDEN TESTS
assert all(p.get("MaxNumberOfMessages") == 10 and p.get("WaitTimeSeconds") == 0 for _, p in receives), receives[:1]
assert len(receives) <= 5, f"batches of 10: {len(receives)} receives"
queue = fresh_queue("t-drain-empty")
assert drain(sqs, queue, picky) == 0 and queue_counts(queue) == (0, 0)
queue = fresh_queue("t-drain-all-fail")
sqs.send_message(QueueUrl=queue, MessageBody="job-3")
assert drain(sqs, queue, picky) == 0 and queue_counts(queue) == (0, 1)
queue = fresh_queue("t-drain-short")
for i in range(7):
    sqs.send_message(QueueUrl=queue, MessageBody=f"short-{i}")
with small_pages(sqs, "ReceiveMessage", "MaxNumberOfMessages", 3):  # SQS answering 3 at most, 7 waiting
    assert drain(sqs, queue, picky) == 7, "a batch shorter than 10 is not the end of the queue"
assert queue_counts(queue) == (0, 0)
queue = fresh_queue("t-drain-order")
order: list[str] = []


def record_then_check(body: str) -> None:
    order.append(body)
    assert queue_counts(queue)[1] >= 1, "while handled, the message is in flight: not deleted yet"


sqs.send_message(QueueUrl=queue, MessageBody="z")
assert drain(sqs, queue, record_then_check) == 1 and order == ["z"] and queue_counts(queue) == (0, 0)
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "delete-first", "fails": ["t2"]}
def drain(sqs, queue_url, handle):
    done = 0
    while True:
        messages = sqs.receive_message(QueueUrl=queue_url, MaxNumberOfMessages=10, WaitTimeSeconds=0).get("Messages", [])
        if not messages:
            return done
        for message in messages:
            sqs.delete_message(QueueUrl=queue_url, ReceiptHandle=message["ReceiptHandle"])
            try:
                handle(message["Body"])
                done += 1
            except Exception:
                pass

# %% course={"kind": "wrong", "id": "one-batch", "fails": ["t2"]}
def drain(sqs, queue_url, handle):
    done = 0
    for message in sqs.receive_message(QueueUrl=queue_url, MaxNumberOfMessages=10, WaitTimeSeconds=0).get("Messages", []):
        try:
            handle(message["Body"])
        except Exception:
            continue
        sqs.delete_message(QueueUrl=queue_url, ReceiptHandle=message["ReceiptHandle"])
        done += 1
    return done

# %% course={"kind": "wrong", "id": "short-batch-is-the-end", "fails": ["t2"]}
def drain(sqs, queue_url, handle):
    done = 0
    while True:
        messages = sqs.receive_message(QueueUrl=queue_url, MaxNumberOfMessages=10, WaitTimeSeconds=0).get("Messages", [])
        for message in messages:
            try:
                handle(message["Body"])
            except Exception:
                continue
            sqs.delete_message(QueueUrl=queue_url, ReceiptHandle=message["ReceiptHandle"])
            done += 1
        if len(messages) < 10:
            return done

# %% course={"kind": "wrong", "id": "failure-stops-all", "fails": ["t2"]}
def drain(sqs, queue_url, handle):
    done = 0
    while True:
        messages = sqs.receive_message(QueueUrl=queue_url, MaxNumberOfMessages=10, WaitTimeSeconds=0).get("Messages", [])
        if not messages:
            return done
        for message in messages:
            handle(message["Body"])
            sqs.delete_message(QueueUrl=queue_url, ReceiptHandle=message["ReceiptHandle"])
            done += 1

# %% [markdown] course={"kind": "lesson", "id": "cloudwatch", "covers": ["c-cloudwatch-metrics-logs-alarms"]}
# ### CloudWatch: metrics, alarms, logs
#
# A **metric** is a named time series in a *namespace* (`AWS/EC2`, or `MyApp` for your own), told apart by
# **dimensions** (`InstanceId=i-0abc`). AWS services publish theirs; your code adds its own with
# `put_metric_data`. An **alarm** watches one metric: a statistic (`Average`, `Maximum`...) over a **period**,
# compared with a **threshold** for a number of **evaluation periods**. It is in one of three states, `OK`,
# `ALARM` or `INSUFFICIENT_DATA` (not enough data to decide), and runs its **actions** (usually an SNS topic)
# when it changes state. **CloudWatch Logs** keeps log
# events in log groups and streams (`logs` client). `put_metric_alarm` with the same `AlarmName` *replaces*
# the alarm, which makes alarm set-up idempotent: run it on every deploy.
#
# **The one thing people get wrong:** a metric is its name *and* its **dimensions**. An alarm on
# `CPUUtilization` without `InstanceId` watches another time series (CPU of *which* instance?), usually one
# with no data at all, so it sits in `INSUFFICIENT_DATA` and alerts nobody. moto stores alarms
# but never evaluates them: it is the *definition* you can check here.

# %% course={"kind": "demo"}
cloudwatch.put_metric_data(Namespace="Shop", MetricData=[
    {"MetricName": "Orders", "Dimensions": [{"Name": "Env", "Value": "prod"}], "Value": v, "Unit": "Count"} for v in (3, 5, 4)])
print("metrics:", [(m["Namespace"], m["MetricName"], m["Dimensions"]) for m in cloudwatch.list_metrics(Namespace="Shop")["Metrics"]])
logs = client("logs", URL)
logs.create_log_group(logGroupName="/shop/api")
logs.create_log_stream(logGroupName="/shop/api", logStreamName="web-1")
now_ms = int(time.time() * 1000)  # CloudWatch Logs refuses events older than 14 days, and moto does too
logs.put_log_events(logGroupName="/shop/api", logStreamName="web-1", logEvents=[
    {"timestamp": now_ms + i, "message": text} for i, text in enumerate(["GET / 200", "GET /cart 500"])])
print("log events with 500:", [e["message"] for e in logs.filter_log_events(logGroupName="/shop/api", filterPattern='"500"')["events"]])

# %% [markdown] course={"kind": "exercise", "id": "cpu-alarm", "item": "x-set-up-cloudwatch-alarms"}
# ### A CPU alarm per instance, idempotent
#
# Write `ensure_cpu_alarm(cloudwatch, instance_id, threshold, topic_arn)` that creates (or replaces) the alarm
# named `f"cpu-high-{instance_id}"`: metric `CPUUtilization` in namespace `AWS/EC2` with the dimension
# `InstanceId` = `instance_id`, statistic `Average`, period 300 s, 2 evaluation periods, state `ALARM` when the
# average is **greater than** `threshold` percent, and `topic_arn` as its only alarm action. Return the alarm's
# name. A threshold outside `0 < threshold <= 100` raises `ValueError` naming it, before any call.
#
# ```python
# >>> ensure_cpu_alarm(cloudwatch, "i-0abc", 80, "arn:aws:sns:us-east-1:123456789012:oncall")
# 'cpu-high-i-0abc'
# ```

# %% [markdown] course={"kind": "hint"}
# One `put_metric_alarm(AlarmName=..., Namespace=..., MetricName=..., Dimensions=[{"Name": "InstanceId",
# "Value": instance_id}], Statistic=..., Period=..., EvaluationPeriods=..., Threshold=..., ComparisonOperator=...,
# AlarmActions=[topic_arn])` call; the operator is `GreaterThanThreshold`.

# %% course={"kind": "solution"}
def ensure_cpu_alarm(cloudwatch: Any, instance_id: str, threshold: float, topic_arn: str) -> str:
    ### BEGIN SOLUTION
    if not 0 < threshold <= 100:
        raise ValueError(f"threshold {threshold} is not a percentage in (0, 100]")
    name = f"cpu-high-{instance_id}"
    cloudwatch.put_metric_alarm(
        AlarmName=name, Namespace="AWS/EC2", MetricName="CPUUtilization",
        Dimensions=[{"Name": "InstanceId", "Value": instance_id}], Statistic="Average", Period=300,
        EvaluationPeriods=2, Threshold=threshold, ComparisonOperator="GreaterThanThreshold", AlarmActions=[topic_arn],
    )
    return name
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
TOPIC = "arn:aws:sns:us-east-1:123456789012:oncall"
assert ensure_cpu_alarm(cloudwatch, "i-0abc", 80, TOPIC) == "cpu-high-i-0abc", "the alarm's name is returned"
(alarm,) = cloudwatch.describe_alarms(AlarmNames=["cpu-high-i-0abc"])["MetricAlarms"]
assert alarm["Dimensions"] == [{"Name": "InstanceId", "Value": "i-0abc"}], f"the alarm watches this instance: {alarm['Dimensions']}"

# %% course={"kind": "test", "points": 2}
wanted = {"Namespace": "AWS/EC2", "MetricName": "CPUUtilization", "Statistic": "Average", "Period": 300,
          "EvaluationPeriods": 2, "Threshold": 80.0, "ComparisonOperator": "GreaterThanThreshold", "AlarmActions": [TOPIC]}
assert {k: alarm.get(k) for k in wanted} == wanted, {k: alarm.get(k) for k in wanted}
### BEGIN HIDDEN TESTS
ensure_cpu_alarm(cloudwatch, "i-0abc", 100, TOPIC + "-2")
ensure_cpu_alarm(cloudwatch, "i-0def", 0.5, TOPIC)
alarms = {a["AlarmName"]: a for a in cloudwatch.describe_alarms(AlarmNamePrefix="cpu-high-")["MetricAlarms"]}
assert sorted(alarms) == ["cpu-high-i-0abc", "cpu-high-i-0def"], "one alarm per instance, replaced, not duplicated"
assert alarms["cpu-high-i-0abc"]["Threshold"] == 100.0 and alarms["cpu-high-i-0abc"]["AlarmActions"] == [TOPIC + "-2"]
assert alarms["cpu-high-i-0def"]["Threshold"] == 0.5
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
for bad in (0, -5, 100.5, 150):
    with recorded(cloudwatch, "PutMetricAlarm") as calls:
        try:
            ensure_cpu_alarm(cloudwatch, "i-0bad", bad, TOPIC)
        except ValueError as error:
            assert str(bad) in str(error), f"the error names the threshold: {error}"
        else:
            raise AssertionError(f"threshold {bad} must raise ValueError")
    assert calls == [], "checked before any call"

# %% course={"kind": "wrong", "id": "no-dimensions", "fails": ["t1"]}
def ensure_cpu_alarm(cloudwatch, instance_id, threshold, topic_arn):
    if not 0 < threshold <= 100:
        raise ValueError(f"bad threshold {threshold}")
    name = f"cpu-high-{instance_id}"
    cloudwatch.put_metric_alarm(AlarmName=name, Namespace="AWS/EC2", MetricName="CPUUtilization", Statistic="Average",
                                Period=300, EvaluationPeriods=2, Threshold=float(threshold),
                                ComparisonOperator="GreaterThanThreshold", AlarmActions=[topic_arn])
    return name

# %% course={"kind": "wrong", "id": "fraction-threshold", "fails": ["t2"]}
def ensure_cpu_alarm(cloudwatch, instance_id, threshold, topic_arn):
    if not 0 < threshold <= 100:
        raise ValueError(f"bad threshold {threshold}")
    name = f"cpu-high-{instance_id}"
    cloudwatch.put_metric_alarm(AlarmName=name, Namespace="AWS/EC2", MetricName="CPUUtilization",
                                Dimensions=[{"Name": "InstanceId", "Value": instance_id}], Statistic="Average", Period=300,
                                EvaluationPeriods=2, Threshold=threshold / 100, ComparisonOperator="GreaterThanThreshold",
                                AlarmActions=[topic_arn])
    return name

# %% course={"kind": "wrong", "id": "validates-late", "fails": ["t3"]}
def ensure_cpu_alarm(cloudwatch, instance_id, threshold, topic_arn):
    name = f"cpu-high-{instance_id}"
    cloudwatch.put_metric_alarm(AlarmName=name, Namespace="AWS/EC2", MetricName="CPUUtilization",
                                Dimensions=[{"Name": "InstanceId", "Value": instance_id}], Statistic="Average", Period=300,
                                EvaluationPeriods=2, Threshold=float(threshold), ComparisonOperator="GreaterThanThreshold",
                                AlarmActions=[topic_arn])
    if not 0 < threshold <= 100:
        raise ValueError(f"bad threshold {threshold}")
    return name

# %% [markdown] course={"kind": "lesson", "id": "best-practices", "covers": ["c-best-practices", "c-resource-cleanup", "c-cost-awareness", "c-security-practices"]}
# ### Clean up, watch the bill, keep it safe
#
# - **Resource cleanup.** Everything you create costs money until deleted, and scripts are the usual
#   leak: a test bucket, a forgotten instance, snapshots that pile up. Tag what you create (`owner`, `purpose`,
#   `expires`), clean up in `finally` blocks, and run scheduled clean-up jobs that find old or untagged
#   resources. Such jobs delete for real, so give them a **dry run** that only reports, make it the default,
#   and log what was deleted. For S3 alone, a **lifecycle rule** on the bucket does the expiring for you.
# - **Cost awareness.** Cost Explorer (`ce.get_cost_and_usage`) reports spend by service, tag or account;
#   it is itself a paid API (a cent per request at the time of writing), and amounts come as **strings** to be
#   read as `Decimal`, never `float`. Idle resources (stopped instances still pay for their volumes,
#   unattached volumes, old snapshots, NAT gateways) are the usual waste. Budgets and alarms catch surprises.
# - **Security practices.** Roles and temporary credentials instead of keys; least-privilege policies,
#   reviewed as code; secrets in Secrets Manager or SSM Parameter Store, fetched at run time; presigned URLs
#   with short expiry instead of public buckets; encryption on by default; CloudTrail on to record who did what.
#
# **The one thing people get wrong:** a clean-up script that lists with a prefix like `tmp` also matches
# `tmp-keep/` and `tmpl/`: prefixes are string prefixes, not folders. End a folder prefix with `/`.

# %% course={"kind": "demo"}
# A lifecycle rule does age-based expiry inside S3 (moto stores it; AWS applies rules in the background, not at once).
s3.put_bucket_lifecycle_configuration(Bucket="demo-pages", LifecycleConfiguration={"Rules": [
    {"ID": "expire-logs", "Filter": {"Prefix": "logs/"}, "Status": "Enabled", "Expiration": {"Days": 30}}]})
print(s3.get_bucket_lifecycle_configuration(Bucket="demo-pages")["Rules"])
ce = client("ce", URL)
report = ce.get_cost_and_usage(TimePeriod={"Start": "2026-01-01", "End": "2026-02-01"}, Granularity="MONTHLY", Metrics=["UnblendedCost"])
print("moto's Cost Explorer:", report["ResultsByTime"], "(canned and empty: the exercises use data we control)")
print("Decimal vs float:", sum(Decimal(a) for a in ["0.1", "0.2"]), "vs", sum(float(a) for a in ["0.1", "0.2"]))

# %% [markdown] course={"kind": "exercise", "id": "s3-cleanup", "item": "project-16-1-1"}
# ### Clean up old objects, with a dry run
#
# Write `cleanup(s3, bucket, prefix, *, older_than, now, dry_run=True)` that finds the objects under `prefix`
# whose `LastModified` is **strictly** older than `now - older_than` (a `timedelta`) and returns their keys as a
# list in S3's order. With `dry_run=True` (the default) it deletes **nothing** (makes no delete call at all);
# with `dry_run=False` it deletes exactly those objects, with `delete_objects` (at most 1,000 keys per call; one
# call per page of the listing is the simple way). Read every page.
#
# ```python
# >>> cleanup(s3, "t-clean", "tmp/", older_than=datetime.timedelta(days=30), now=NOW)
# ['tmp/old-1', 'tmp/old-2']                 # reported, not deleted
# ```

# %% [markdown] course={"kind": "hint"}
# Compute `cutoff = now - older_than` once; an object goes when `item["LastModified"] < cutoff` (both are aware
# datetimes, so they compare correctly whatever their time zones).

# %% [markdown] course={"kind": "hint"}
# Collect the old keys of each page; when not in dry-run mode and the page had some, call
# `s3.delete_objects(Bucket=bucket, Delete={"Objects": [{"Key": k} for k in page_keys]})`.

# %% course={"kind": "solution"}
def cleanup(s3: Any, bucket: str, prefix: str, *, older_than: datetime.timedelta, now: datetime.datetime,
            dry_run: bool = True) -> list[str]:
    ### BEGIN SOLUTION
    cutoff = now - older_than
    found: list[str] = []
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix):
        old = [item["Key"] for item in page.get("Contents", []) if item["LastModified"] < cutoff]
        if old and not dry_run:
            s3.delete_objects(Bucket=bucket, Delete={"Objects": [{"Key": key} for key in old]})
        found += old
    return found
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
NOW = datetime.datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
MONTH = datetime.timedelta(days=30)


def aged_bucket(ages: Mapping[str, datetime.timedelta]) -> None:
    fresh_bucket("t-clean", dict.fromkeys(ages, b"x"))
    for key, age in ages.items():
        backdate("t-clean", key, NOW - age)


aged_bucket({"tmp/old-1": MONTH * 2, "tmp/new": datetime.timedelta(days=1), "tmp/old-2": MONTH + datetime.timedelta(seconds=1)})
with recorded(s3, "DeleteObjects", "DeleteObject") as deletes:
    assert cleanup(s3, "t-clean", "tmp/", older_than=MONTH, now=NOW) == ["tmp/old-1", "tmp/old-2"], "the two old keys"
assert deletes == [], "a dry run (the default) deletes nothing"

# %% course={"kind": "test", "points": 2}
assert cleanup(s3, "t-clean", "tmp/", older_than=MONTH, now=NOW, dry_run=False) == ["tmp/old-1", "tmp/old-2"]
left = [item["Key"] for item in s3.list_objects_v2(Bucket="t-clean").get("Contents", [])]
assert left == ["tmp/new"], f"only the new object is left: {left}"
### BEGIN HIDDEN TESTS
aged_bucket({"tmp/edge": MONTH, "tmp/edge+1s": MONTH + datetime.timedelta(seconds=1), "tmpl/old": MONTH * 3, "keep/old": MONTH * 3})
assert cleanup(s3, "t-clean", "tmp/", older_than=MONTH, now=NOW) == ["tmp/edge+1s"], "exactly 30 days old is not older"
assert cleanup(s3, "t-clean", "tmp/", older_than=MONTH, now=NOW, dry_run=False) == ["tmp/edge+1s"]
left = [item["Key"] for item in s3.list_objects_v2(Bucket="t-clean").get("Contents", [])]
assert left == ["keep/old", "tmp/edge", "tmpl/old"], f"nothing outside the prefix is touched: {left}"
assert cleanup(s3, "t-clean", "none/", older_than=MONTH, now=NOW, dry_run=False) == []
in_tokyo = NOW.astimezone(datetime.timezone(datetime.timedelta(hours=9)))
assert cleanup(s3, "t-clean", "tmp", older_than=datetime.timedelta(days=3), now=in_tokyo) == ["tmp/edge", "tmpl/old"]
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
aged_bucket({f"logs/{i:02}": MONTH * 2 if i % 3 else datetime.timedelta(0) for i in range(9)})
with small_pages(s3, "ListObjectsV2", "MaxKeys", 2), recorded(s3, "DeleteObjects", "DeleteObject") as deletes:
    gone = cleanup(s3, "t-clean", "logs/", older_than=MONTH, now=NOW, dry_run=False)
assert gone == ["logs/01", "logs/02", "logs/04", "logs/05", "logs/07", "logs/08"], f"every page is read: {gone}"
left = [item["Key"] for item in s3.list_objects_v2(Bucket="t-clean").get("Contents", [])]
assert left == ["logs/00", "logs/03", "logs/06"], left
### BEGIN HIDDEN TESTS
assert all(op == "DeleteObjects" for op, _ in deletes), "delete in batches with delete_objects"
assert all(1 <= len(params["Delete"]["Objects"]) <= 1000 for _, params in deletes)
assert type(gone) is list
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "ignores-dry-run", "fails": ["t1", "t2"]}
def cleanup(s3, bucket, prefix, *, older_than, now, dry_run=True):
    cutoff = now - older_than
    found = []
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix):
        old = [item["Key"] for item in page.get("Contents", []) if item["LastModified"] < cutoff]
        if old:
            s3.delete_objects(Bucket=bucket, Delete={"Objects": [{"Key": key} for key in old]})
        found += old
    return found

# %% course={"kind": "wrong", "id": "boundary-included", "fails": ["t2"]}
def cleanup(s3, bucket, prefix, *, older_than, now, dry_run=True):
    cutoff = now - older_than
    found = []
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix):
        old = [item["Key"] for item in page.get("Contents", []) if item["LastModified"] <= cutoff]
        if old and not dry_run:
            s3.delete_objects(Bucket=bucket, Delete={"Objects": [{"Key": key} for key in old]})
        found += old
    return found

# %% course={"kind": "wrong", "id": "first-page", "fails": ["t3"]}
def cleanup(s3, bucket, prefix, *, older_than, now, dry_run=True):
    cutoff = now - older_than
    page = s3.list_objects_v2(Bucket=bucket, Prefix=prefix)
    old = [item["Key"] for item in page.get("Contents", []) if item["LastModified"] < cutoff]
    if old and not dry_run:
        s3.delete_objects(Bucket=bucket, Delete={"Objects": [{"Key": key} for key in old]})
    return old

# %% [markdown] course={"kind": "exercise", "id": "cost-report", "item": "project-16-1-1"}
# ### A cost report by service
#
# Write `costs_by_service(ce, start, end)` that asks Cost Explorer for the unblended cost per service, month by
# month: `ce.get_cost_and_usage(TimePeriod={"Start": start, "End": end}, Granularity="MONTHLY",
# Metrics=["UnblendedCost"], GroupBy=[{"Type": "DIMENSION", "Key": "SERVICE"}])`. Follow `NextPageToken` (pass
# it back as `NextPageToken=...`) until an answer has none: this operation has no paginator. Add up each
# service's `Amount` over all months and pages **exactly** (`Decimal`), and return a dict from service name to
# total, ordered from the largest total to the smallest (equal totals: by name A to Z).
#
# An answer looks like `{"ResultsByTime": [{"TimePeriod": {...}, "Groups": [{"Keys": ["Amazon S3"],
# "Metrics": {"UnblendedCost": {"Amount": "1.25", "Unit": "USD"}}}, ...]}, ...], "NextPageToken": "..."}`.
# `CannedCostExplorer(pages)` and `month(start, amounts)` (both in the setup cell) make such answers, since
# moto's Cost Explorer is empty.
#
# ```python
# >>> ce = CannedCostExplorer([{"ResultsByTime": [month("2026-01-01", {"EC2": "10.50", "S3": "0.10"})]}])
# >>> costs_by_service(ce, "2026-01-01", "2026-02-01")
# {'EC2': Decimal('10.50'), 'S3': Decimal('0.10')}
# ```

# %% [markdown] course={"kind": "hint"}
# A `while True:` loop: build the parameters, add `NextPageToken` when you have one, call, read, then
# `token = answer.get("NextPageToken")` and stop when it is `None`.

# %% [markdown] course={"kind": "hint"}
# `totals[name] = totals.get(name, Decimal(0)) + Decimal(amount)`; then
# `dict(sorted(totals.items(), key=lambda item: (-item[1], item[0])))`.

# %% course={"kind": "solution"}
def costs_by_service(ce: Any, start: str, end: str) -> dict[str, Decimal]:
    ### BEGIN SOLUTION
    totals: dict[str, Decimal] = {}
    params: dict[str, Any] = {"TimePeriod": {"Start": start, "End": end}, "Granularity": "MONTHLY",
                              "Metrics": ["UnblendedCost"], "GroupBy": [{"Type": "DIMENSION", "Key": "SERVICE"}]}
    while True:
        answer = ce.get_cost_and_usage(**params)
        for period in answer["ResultsByTime"]:
            for group in period["Groups"]:
                name = group["Keys"][0]
                totals[name] = totals.get(name, Decimal(0)) + Decimal(group["Metrics"]["UnblendedCost"]["Amount"])
        token = answer.get("NextPageToken")
        if token is None:
            break
        params["NextPageToken"] = token
    return dict(sorted(totals.items(), key=lambda item: (-item[1], item[0])))
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
ce_one = CannedCostExplorer([{"ResultsByTime": [month("2026-01-01", {"EC2": "10.50", "S3": "0.10"})]}])
assert costs_by_service(ce_one, "2026-01-01", "2026-02-01") == {"EC2": Decimal("10.50"), "S3": Decimal("0.10")}
assert ce_one.calls[0] == {"TimePeriod": {"Start": "2026-01-01", "End": "2026-02-01"}, "Granularity": "MONTHLY",
                           "Metrics": ["UnblendedCost"], "GroupBy": [{"Type": "DIMENSION", "Key": "SERVICE"}]}, ce_one.calls[0]

# %% course={"kind": "test", "points": 2}
pages = [{"ResultsByTime": [month("2026-01-01", {"S3": "0.10", "EC2": "5.00"})]},
         {"ResultsByTime": [month("2026-02-01", {"S3": "0.20", "Lambda": "7.30"})]},
         {"ResultsByTime": [month("2026-03-01", {"EC2": "3.00"}), month("2026-04-01", {"S3": "0.00"})]}]
ce_three = CannedCostExplorer(pages)
got = costs_by_service(ce_three, "2026-01-01", "2026-05-01")
assert got == {"EC2": Decimal("8.00"), "Lambda": Decimal("7.30"), "S3": Decimal("0.30")}, f"all pages, exact sums: {got}"
assert list(got) == ["EC2", "Lambda", "S3"], f"largest first: {list(got)}"
### BEGIN HIDDEN TESTS
assert [c.get("NextPageToken") for c in ce_three.calls] == [None, "page-1", "page-2"], ce_three.calls
assert all(type(v) is Decimal for v in got.values()) and type(got) is dict
ties = CannedCostExplorer([{"ResultsByTime": [month("2026-01-01", {"b": "1.00", "a": "1.0", "c": "0.999", "d": "1.001"})]}])
assert list(costs_by_service(ties, "2026-01-01", "2026-02-01")) == ["d", "a", "b", "c"]
assert costs_by_service(CannedCostExplorer([{"ResultsByTime": []}]), "2026-01-01", "2026-02-01") == {}
negative = CannedCostExplorer([{"ResultsByTime": [month("2026-01-01", {"Credits": "-2.50", "EC2": "2.50"})]}])
assert list(costs_by_service(negative, "2026-01-01", "2026-02-01").items()) == [("EC2", Decimal("2.50")), ("Credits", Decimal("-2.50"))]
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "float-sums", "fails": ["t1", "t2"]}
def costs_by_service(ce, start, end):
    totals = {}
    params = {"TimePeriod": {"Start": start, "End": end}, "Granularity": "MONTHLY", "Metrics": ["UnblendedCost"],
              "GroupBy": [{"Type": "DIMENSION", "Key": "SERVICE"}]}
    while True:
        answer = ce.get_cost_and_usage(**params)
        for period in answer["ResultsByTime"]:
            for group in period["Groups"]:
                name = group["Keys"][0]
                totals[name] = totals.get(name, 0.0) + float(group["Metrics"]["UnblendedCost"]["Amount"])
        if "NextPageToken" not in answer:
            break
        params["NextPageToken"] = answer["NextPageToken"]
    return dict(sorted(totals.items(), key=lambda item: (-item[1], item[0])))

# %% course={"kind": "wrong", "id": "first-page", "fails": ["t2"]}
def costs_by_service(ce, start, end):
    totals = {}
    answer = ce.get_cost_and_usage(TimePeriod={"Start": start, "End": end}, Granularity="MONTHLY", Metrics=["UnblendedCost"],
                                   GroupBy=[{"Type": "DIMENSION", "Key": "SERVICE"}])
    for period in answer["ResultsByTime"]:
        for group in period["Groups"]:
            name = group["Keys"][0]
            totals[name] = totals.get(name, Decimal(0)) + Decimal(group["Metrics"]["UnblendedCost"]["Amount"])
    return dict(sorted(totals.items(), key=lambda item: (-item[1], item[0])))

# %% course={"kind": "wrong", "id": "last-month-only", "fails": ["t2"]}
def costs_by_service(ce, start, end):
    totals = {}
    params = {"TimePeriod": {"Start": start, "End": end}, "Granularity": "MONTHLY", "Metrics": ["UnblendedCost"],
              "GroupBy": [{"Type": "DIMENSION", "Key": "SERVICE"}]}
    while True:
        answer = ce.get_cost_and_usage(**params)
        for period in answer["ResultsByTime"]:
            for group in period["Groups"]:
                totals[group["Keys"][0]] = Decimal(group["Metrics"]["UnblendedCost"]["Amount"])
        if "NextPageToken" not in answer:
            break
        params["NextPageToken"] = answer["NextPageToken"]
    return dict(sorted(totals.items(), key=lambda item: (-item[1], item[0])))

# %% [markdown] course={"kind": "exercise", "id": "s3-sync", "item": "project-16-1-2"}
# ### An incremental S3 sync
#
# Write `sync_up(s3, folder, bucket, prefix="", exclude=(), progress=None)` that makes the objects under
# `prefix` match the files under `folder` (a `Path`), uploading only what changed:
#
# - every file under `folder`, at any depth, becomes the key `prefix` + its path relative to `folder`, with `/`
#   between parts (`reports/2026/jan.csv`);
# - a file whose relative path matches one of the `exclude` patterns (`fnmatch.fnmatchcase`, so `*` also
#   crosses `/`: `"*.tmp"`, `"cache/*"`) is skipped; `exclude` is any iterable (a list, a tuple, a generator);
# - a file is uploaded when its key is missing or the object's `ETag` differs from the file's MD5: for an object
#   uploaded in one piece (and not encrypted with KMS), S3's ETag is the hex MD5 of its bytes **in double
#   quotes** (`'"5d41..."'`);
# - after each upload, `progress(key, size_in_bytes)` is called, when given;
# - the uploaded keys are returned, sorted. Read the remote listing with every page.
#
# ```python
# >>> sync_up(s3, folder, "t-sync", "site/", exclude=["*.tmp"])     # first run
# ['site/index.html', 'site/css/main.css']  ... sorted
# >>> sync_up(s3, folder, "t-sync", "site/", exclude=["*.tmp"])     # nothing changed
# []
# ```

# %% [markdown] course={"kind": "hint"}
# First build `{key: etag}` from the listing under `prefix` (a paginator); then walk `folder.rglob("*")`, keep
# `path.is_file()`, and make the relative name with `path.relative_to(folder).as_posix()`.

# %% [markdown] course={"kind": "hint"}
# `'"' + hashlib.md5(data).hexdigest() + '"'` is what S3 reports for a small object. Comparing sizes is not
# enough: an edit can keep the size (`v1` → `v2`).

# %% course={"kind": "solution"}
def sync_up(s3: Any, folder: Path, bucket: str, prefix: str = "", exclude: Iterable[str] = (),
            progress: Callable[[str, int], object] | None = None) -> list[str]:
    ### BEGIN SOLUTION
    patterns = list(exclude)
    remote: dict[str, str] = {}
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix):
        for item in page.get("Contents", []):
            remote[item["Key"]] = item["ETag"]
    uploaded = []
    for path in folder.rglob("*"):
        relative = path.relative_to(folder).as_posix()
        if not path.is_file() or any(fnmatch.fnmatchcase(relative, pattern) for pattern in patterns):
            continue
        data = path.read_bytes()
        key = prefix + relative
        if remote.get(key) == '"' + hashlib.md5(data).hexdigest() + '"':
            continue
        s3.put_object(Bucket=bucket, Key=key, Body=data)
        uploaded.append(key)
        if progress is not None:
            progress(key, len(data))
    return sorted(uploaded)
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
site = write_files(SCRATCH / f"site-{next(QUEUE_NUMBERS)}", {"index.html": b"<h1>hi</h1>", "css/main.css": b"h1{}", "draft.tmp": b"..."})
fresh_bucket("t-sync")
assert sync_up(s3, site, "t-sync", "site/", exclude=["*.tmp"]) == ["site/css/main.css", "site/index.html"], "first run: all but *.tmp"
assert s3.get_object(Bucket="t-sync", Key="site/css/main.css")["Body"].read() == b"h1{}", "uploaded with the bytes of the file"

# %% course={"kind": "test", "points": 2}
with recorded(s3, "PutObject") as puts:
    assert sync_up(s3, site, "t-sync", "site/", exclude=["*.tmp"]) == [], "second run: nothing changed, nothing uploaded"
assert puts == []
write_files(site, {"index.html": b"<h1>yo</h1>", "new/page.html": b"new"})
steps: list[tuple[str, int]] = []
assert sync_up(s3, site, "t-sync", "site/", exclude=["*.tmp"], progress=lambda k, n: steps.append((k, n))) == [
    "site/index.html", "site/new/page.html"], "only the changed file (same size!) and the new one"
assert sorted(steps) == [("site/index.html", 11), ("site/new/page.html", 3)], f"progress(key, bytes) per upload: {steps}"
### BEGIN HIDDEN TESTS
assert s3.get_object(Bucket="t-sync", Key="site/index.html")["Body"].read() == b"<h1>yo</h1>"
write_files(site, {"index.html": b"<h1>v3</h1>"})
after = {}
sync_up(s3, site, "t-sync", "site/", exclude=["*.tmp"], progress=lambda k, n: after.update({k: s3.get_object(Bucket="t-sync", Key=k)["Body"].read()}))
assert after == {"site/index.html": b"<h1>v3</h1>"}, "progress is called after the upload"
deep = write_files(SCRATCH / f"deep-{next(QUEUE_NUMBERS)}", {f"d/{i}.txt": str(i).encode() for i in range(5)} | {
    "cache/x.bin": b"c", "keep.tmpl": b"k", "\u00e9t\u00e9.txt": "\u00e9".encode(), "empty": b"", "z.tmp": b"z", "a.tmp": b"a"})
fresh_bucket("t-sync", {"d/0.txt": b"0", "d/3.txt": b"3", "d/4.txt": b"old"})  # d/0 and d/3 are up to date
with small_pages(s3, "ListObjectsV2", "MaxKeys", 1), listing_z_to_a():
    got = sync_up(s3, deep, "t-sync", exclude=iter(["cache/*", "*.tmp"]))
assert got == ["d/1.txt", "d/2.txt", "d/4.txt", "empty", "keep.tmpl", "\u00e9t\u00e9.txt"], f"every page of the listing: {got}"
assert type(got) is list and s3.get_object(Bucket="t-sync", Key="empty")["Body"].read() == b""
assert sync_up(s3, deep, "t-sync", exclude=["CACHE/*", "*.TMP"]) == ["a.tmp", "cache/x.bin", "z.tmp"], "patterns are case-sensitive"
assert sync_up(s3, deep, "t-sync") == []
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "compares-size", "fails": ["t2"]}
def sync_up(s3, folder, bucket, prefix="", exclude=(), progress=None):
    remote = {}
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix):
        for item in page.get("Contents", []):
            remote[item["Key"]] = item["Size"]
    uploaded = []
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder).as_posix()
        if not path.is_file() or any(fnmatch.fnmatchcase(relative, p) for p in exclude):
            continue
        data = path.read_bytes()
        key = prefix + relative
        if remote.get(key) == len(data):
            continue
        s3.put_object(Bucket=bucket, Key=key, Body=data)
        uploaded.append(key)
        if progress is not None:
            progress(key, len(data))
    return sorted(uploaded)

# %% course={"kind": "wrong", "id": "unquoted-etag", "fails": ["t2"]}
def sync_up(s3, folder, bucket, prefix="", exclude=(), progress=None):
    remote = {}
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix):
        for item in page.get("Contents", []):
            remote[item["Key"]] = item["ETag"]
    uploaded = []
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder).as_posix()
        if not path.is_file() or any(fnmatch.fnmatchcase(relative, p) for p in exclude):
            continue
        data = path.read_bytes()
        key = prefix + relative
        if remote.get(key) == hashlib.md5(data).hexdigest():
            continue
        s3.put_object(Bucket=bucket, Key=key, Body=data)
        uploaded.append(key)
        if progress is not None:
            progress(key, len(data))
    return sorted(uploaded)

# %% course={"kind": "wrong", "id": "remote-first-page", "fails": ["t2"]}
def sync_up(s3, folder, bucket, prefix="", exclude=(), progress=None):
    patterns = list(exclude)
    listing = s3.list_objects_v2(Bucket=bucket, Prefix=prefix)
    remote = {item["Key"]: item["ETag"] for item in listing.get("Contents", [])}
    uploaded = []
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder).as_posix()
        if not path.is_file() or any(fnmatch.fnmatchcase(relative, p) for p in patterns):
            continue
        data = path.read_bytes()
        key = prefix + relative
        if remote.get(key) == '"' + hashlib.md5(data).hexdigest() + '"':
            continue
        s3.put_object(Bucket=bucket, Key=key, Body=data)
        uploaded.append(key)
        if progress is not None:
            progress(key, len(data))
    return sorted(uploaded)

# %% course={"kind": "wrong", "id": "name-not-path", "fails": ["t2"]}
def sync_up(s3, folder, bucket, prefix="", exclude=(), progress=None):
    remote = {}
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix):
        for item in page.get("Contents", []):
            remote[item["Key"]] = item["ETag"]
    uploaded = []
    for path in sorted(folder.rglob("*")):
        if not path.is_file() or any(fnmatch.fnmatchcase(path.name, p) for p in exclude):
            continue
        data = path.read_bytes()
        key = prefix + path.relative_to(folder).as_posix()
        if remote.get(key) == '"' + hashlib.md5(data).hexdigest() + '"':
            continue
        s3.put_object(Bucket=bucket, Key=key, Body=data)
        uploaded.append(key)
        if progress is not None:
            progress(key, len(data))
    return sorted(uploaded)

# %% [markdown] course={"kind": "task", "id": "lambda-deploy", "points": 3, "item": "x-automate-lambda-deployments"}
# ### Automate a Lambda deployment (written, graded by a reader)
#
# moto can store Lambda functions but runs them only through Docker, which this course does not use, so this
# one is a design you write down. Describe (in prose and code that you do not run here) a `deploy_function(lam,
# name, source_dir, role_arn)` script that: zips the folder deterministically (sorted names, fixed timestamps,
# so the same code gives the same SHA-256); creates the function when `get_function` answers
# `ResourceNotFoundException`, else calls `update_function_code`; waits with the `function_updated_v2` waiter
# (a new version cannot be published while an update is in progress); publishes a version; moves an alias
# `live` to it; and skips everything when the deployed `CodeSha256` (base64 of the zip's SHA-256) already
# matches. Say how you would roll back, and which IAM permissions the deploying role needs (and no more).

# %% [markdown] course={"kind": "rubric"}
# 3 points: (1) create-or-update branches on the error code `ResourceNotFoundException`, not on a message, and
# waits for the update to finish before publishing; (2) the zip is reproducible and the `CodeSha256`
# comparison (base64 of the raw SHA-256 digest, not hex) skips identical deploys; (3) the alias makes rollback
# one `update_alias` call to the previous version, and the permission list is minimal (`lambda:GetFunction`,
# `CreateFunction`, `UpdateFunctionCode`, `PublishVersion`, `UpdateAlias`/`CreateAlias`, `iam:PassRole` on that
# one role). One point off for any retry of non-throttling errors or credentials in code.

# %% [markdown] course={"kind": "answer", "question": "q-what-is-the-difference-between-client"}
# A **client** is the low-level, generated interface: one method per API operation, plain dicts in and out,
# available for every service, thread-safe, and the one that gets new features first. A **resource** is the
# object-oriented layer on top (`s3.Bucket("b").objects.filter(...)`, `ec2.Instance(id).stop()`): attributes
# load lazily, collections page automatically, and actions are methods; it exists only for some services, is
# not thread-safe, and the boto3 team has frozen it (no new features). Every resource has its client in
# `.meta.client`, so you can mix both. Choose clients for new automation, libraries and threads; resources are
# fine for short scripts where their convenience helps.

# %% [markdown] course={"kind": "answer", "question": "q-how-do-you-handle-aws-credentials"}
# Never put keys in code, images or git. On AWS compute, use an **IAM role** (instance profile, ECS task role,
# EKS service account via web identity, Lambda execution role): boto3's default chain finds its temporary
# credentials with no configuration. For people, use IAM Identity Center (SSO) profiles, and MFA; for CI, OIDC
# federation to a role instead of stored keys; across accounts, `sts.assume_role`. Give each role least
# privilege, rotate whatever long-lived key remains, keep application secrets in Secrets Manager or Parameter
# Store (fetched at run time), and check `sts.get_caller_identity()` when unsure who you are. Remember that
# environment variables beat profiles in the chain, so stray `AWS_*` variables are a classic source of
# "wrong account" accidents.

# %% [markdown] course={"kind": "answer", "question": "q-how-do-you-handle-pagination-in-boto3"}
# Every list/describe call returns one page plus a token when more exist (`NextToken`, `NextContinuationToken`,
# `Marker`, `IsTruncated`...). Use `client.get_paginator(op).paginate(**params)`, which knows each operation's
# token names, yields pages until the end, accepts `PaginationConfig` (`PageSize`, `MaxItems`, `StartingToken` to
# resume) and `.search("JMESPath")` across pages. Where no paginator exists (`client.can_paginate(op)` is false,
# e.g. Cost Explorer's `get_cost_and_usage`), loop by hand: call, process, pass the returned token back, stop
# when none is returned. Filter on the server (`Prefix`, `Filters`) to fetch fewer pages, and test with small
# page sizes, because code that reads one page works in every small test.

# %% [markdown] course={"kind": "answer", "question": "q-how-do-you-implement-retry-logic-for-aws"}
# First configure botocore's built-in retries: `Config(retries={"mode": "standard" or "adaptive",
# "total_max_attempts": n})` retries throttling codes, 5xx and connection errors with exponential backoff and
# jitter (`adaptive` also rate-limits the client). Add your own loop only around what botocore does not retry:
# partial failures of batch APIs (`UnprocessedItems`, `Failed` entries), eventual consistency ("not found" right
# after creation), or a waiter. That loop retries only retryable error codes (read
# `error.response["Error"]["Code"]`), sleeps `min(cap, base * 2**n)` with random jitter, limits the attempts,
# re-raises the last error, and is idempotent-safe (use client tokens such as `ClientToken` on EC2). Reduce the
# need for retries too: fewer parallel workers, bigger pages, caching.
