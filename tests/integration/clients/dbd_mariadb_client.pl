#!/usr/bin/perl
# DBD::MariaDB against vtgate.
#
# Runs every check twice: with client-side placeholders
# (mariadb_server_prepare => 0, values quoted into the statement text) and
# with server-side prepared statements (mariadb_server_prepare => 1, the
# binary protocol). Each pass checks, comparing the values that come back:
#   - ? placeholders for INSERT (a prepared handle executed many times) and
#     SELECT, selectall_arrayref of a point select and of an ordered scatter
#     select over both shards, hash slices;
#   - NULL in and out, unicode strings (decoded Perl strings, in a latin1
#     column on the shards and a utf8mb4 column), BLOB bytes with 0x00/0xFF;
#   - DECIMAL (exact), DATETIME(6), DATE, negative BIGINT, BIGINT UNSIGNED max,
#     DOUBLE in a table of the unsharded keyspace, also used as parameters;
#   - begin_work/commit over both shards (invisible to another connection
#     until COMMIT) and begin_work/rollback (inserts gone, update undone);
#   - a duplicate key: $dbh->err 1062, SQLSTATE 23000, connection usable after.
#
# Uses customer_id 2000000-2000999 (2000000-2000499 client-side placeholders,
# 2000500-2000999 server-side) and the table perl_types.
# Prints one line per check; exits 1 on the first mismatch.
use strict;
use warnings;
use utf8;

use DBI qw(:sql_types);
use Encode ();

binmode STDOUT, ':encoding(UTF-8)';
STDOUT->autoflush(1);

my $HOST      = $ENV{TESSERA_HOST}      // '127.0.0.1';
my $PORT      = $ENV{TESSERA_PORT}      // '15306';
my $USER      = $ENV{TESSERA_USER}      // 'app';
my $PASSWORD  = $ENV{TESSERA_PASSWORD}  // 'app';
my $SHARDED   = $ENV{TESSERA_KEYSPACE}  // 'customer';
my $UNSHARDED = $ENV{TESSERA_UNSHARDED} // 'commerce';

my ($ID_MIN, $ID_MAX) = (2000000, 2000999);
my $TYPES_TABLE = 'perl_types';

# customer.email is a latin1 column: non-ASCII text that latin1 can hold.
my $LATIN1_TEXT  = 'Grüße, café àéîõü ÿ';
my $UNICODE_TEXT = 'Grüße 日本 🎉';
my $BLOB_BYTES   = "\x00\x01binary\x7f\x80\xfe\xff\x00";
my $UINT64_MAX   = '18446744073709551615';
my $INT64_MIN    = '-9223372036854775808';

# Ids known to land on each shard: the hash vindex keyspace id is the id
# big-endian, DES-encrypted under the all-zero key; a first byte below 0x80
# is shard -80 ("low"), the rest 80- ("high").
my %PASSES = (
    'client-side placeholders' => {
        server_prepare => 0,
        base           => 2000000,
        low            => [2000101, 2000102, 2000103],
        high           => [2000100, 2000104, 2000109],
    },
    'server-side prepare' => {
        server_prepare => 1,
        base           => 2000500,
        low            => [2000600, 2000602, 2000606],
        high           => [2000601, 2000603, 2000604],
    },
);

my $pass = '';

# An unambiguous rendering for comparing and printing: NULL for undef, every
# character outside printable ASCII as \x{..}, arrays and hashes recursively.
sub show {
    my ($v) = @_;
    return 'NULL' unless defined $v;
    if (ref $v eq 'ARRAY') {
        return '[' . join(', ', map { show($_) } @$v) . ']';
    }
    if (ref $v eq 'HASH') {
        return '{' . join(', ', map { "$_ => " . show($v->{$_}) } sort keys %$v) . '}';
    }
    my $s = "$v";
    $s =~ s/([^\x20-\x7e]|\\|')/sprintf('\\x{%x}', ord $1)/ge;
    return "'$s'";
}

sub fail {
    my ($message) = @_;
    print "FAIL: [$pass] $message\n";
    exit 1;
}

sub check {
    my ($name, $expected, $actual) = @_;
    my ($want, $have) = (show($expected), show($actual));
    if ($want ne $have) {
        fail("$name\n  expected: $want\n  actual:   $have");
    }
    print "ok: [$pass] $name\n";
}

sub connect_to {
    my ($database, $server_prepare) = @_;
    my $dsn = "DBI:MariaDB:database=$database;host=$HOST;port=$PORT";
    my $dbh = eval {
        DBI->connect($dsn, $USER, $PASSWORD,
            { RaiseError => 1, PrintError => 0, AutoCommit => 1,
              # Timeouts turn a hang into a failure.
              mariadb_connect_timeout => 30, mariadb_read_timeout => 60,
              mariadb_write_timeout => 60,
              mariadb_server_prepare => $server_prepare,
              # Never fall back to client-side placeholders silently.
              mariadb_server_prepare_disable_fallback => $server_prepare });
    };
    fail("connect to $dsn (mariadb_server_prepare=$server_prepare): " . ($@ || $DBI::errstr))
        unless $dbh;
    return $dbh;
}

# Runs `$code`; a DBI error becomes a failure naming the step.
sub step {
    my ($name, $code) = @_;
    my @result = eval { $code->() };
    fail("$name: unexpected error " . ($DBI::err // '') . ": " . ($@ =~ s/\s+$//r)) if $@;
    return wantarray ? @result : $result[0];
}

sub customers_between {
    my ($dbh, $low, $high) = @_;
    return step("select customers $low-$high", sub {
        $dbh->selectall_arrayref(
            'SELECT customer_id, email FROM customer WHERE customer_id BETWEEN ? AND ? '
                . 'ORDER BY customer_id', undef, $low, $high);
    });
}

sub cleanup {
    my ($dbh, $db_unsharded, $low, $high) = @_;
    step('cleanup', sub {
        $dbh->do('DELETE FROM corder WHERE customer_id BETWEEN ? AND ?', undef, $low, $high);
        $dbh->do('DELETE FROM customer WHERE customer_id BETWEEN ? AND ?', undef, $low, $high);
        $db_unsharded->do("DROP TABLE IF EXISTS $TYPES_TABLE");
    });
    check("cleanup: no customers left in $low-$high", [], customers_between($dbh, $low, $high));
}

sub check_connection {
    my ($dbh, $server_prepare) = @_;
    check('mariadb_server_prepare attribute', $server_prepare,
          $dbh->{mariadb_server_prepare} ? 1 : 0);
    check('SELECT DATABASE()', [[$SHARDED]],
          step('SELECT DATABASE()', sub { $dbh->selectall_arrayref('SELECT DATABASE()') }));
    check('SELECT ? + ? with placeholders', [['5']],
          step('SELECT ? + ?', sub { $dbh->selectall_arrayref('SELECT ? + ?', undef, 2, 3) }));
}

sub check_placeholders {
    my ($dbh, $base) = @_;
    my @rows = map { [$base + $_, "perl$_\@example.com"] } 0 .. 11;
    $rows[4][1] = undef;          # NULL
    $rows[7][1] = $LATIN1_TEXT;   # non-ASCII
    my $insert = step('prepare INSERT', sub {
        $dbh->prepare('INSERT INTO customer (customer_id, email) VALUES (?, ?)');
    });
    check('statement handle uses the pass\'s kind of placeholders',
          $dbh->{mariadb_server_prepare} ? 1 : 0, $insert->{mariadb_server_prepare} ? 1 : 0);
    my $affected = 0;
    for my $row (@rows) {
        $affected += step("INSERT customer $row->[0]", sub { $insert->execute(@$row) });
    }
    check('one prepared INSERT executed 12 times: 12 rows affected', 12, $affected);

    my $point = $rows[7];
    check('selectall_arrayref point select of the unicode row', [$point],
          step('point select', sub {
              $dbh->selectall_arrayref(
                  'SELECT customer_id, email FROM customer WHERE customer_id = ?',
                  undef, $point->[0]);
          }));
    my $fetched = customers_between($dbh, $point->[0], $point->[0])->[0][1] // '';
    check('unicode value is a decoded Perl string (length in characters)',
          length($LATIN1_TEXT), length($fetched));
    check('select by a unicode parameter over both shards', [[$point->[0]]],
          step('select by unicode', sub {
              $dbh->selectall_arrayref(
                  'SELECT customer_id FROM customer WHERE customer_id BETWEEN ? AND ? '
                      . 'AND email = ?', undef, $ID_MIN, $ID_MAX, $LATIN1_TEXT);
          }));
    check('point select of a NULL email', [[$rows[4][0], undef]],
          step('NULL select', sub {
              $dbh->selectall_arrayref(
                  'SELECT customer_id, email FROM customer WHERE customer_id = ?',
                  undef, $rows[4][0]);
          }));
    check('IS NULL over both shards', [[$rows[4][0]]],
          step('IS NULL', sub {
              $dbh->selectall_arrayref(
                  'SELECT customer_id FROM customer WHERE customer_id BETWEEN ? AND ? '
                      . 'AND email IS NULL', undef, $base, $base + 99);
          }));
    check('point select of a missing id returns nothing', [],
          step('missing id', sub {
              $dbh->selectall_arrayref(
                  'SELECT customer_id, email FROM customer WHERE customer_id = ?',
                  undef, $base + 99);
          }));
    check('scatter select ORDER BY customer_id returns exactly the inserted rows',
          \@rows, customers_between($dbh, $base, $base + 99));
    check('scatter select ORDER BY customer_id DESC LIMIT 3',
          [reverse @rows[9 .. 11]],
          step('ORDER BY DESC LIMIT', sub {
              $dbh->selectall_arrayref(
                  'SELECT customer_id, email FROM customer WHERE customer_id BETWEEN ? AND ? '
                      . 'ORDER BY customer_id DESC LIMIT 3', undef, $base, $base + 99);
          }));
    my @picked = map { $rows[$_][0] } 0, 3, 5, 9, 11;
    check('IN list of placeholders over both shards',
          [map { [$_] } @picked],
          step('IN list', sub {
              $dbh->selectall_arrayref(
                  'SELECT customer_id FROM customer WHERE customer_id IN (?, ?, ?, ?, ?) '
                      . 'ORDER BY customer_id', undef, @picked);
          }));
    check('selectall_arrayref with Slice => {}',
          [{ customer_id => $rows[2][0], email => $rows[2][1] }],
          step('Slice', sub {
              $dbh->selectall_arrayref(
                  'SELECT customer_id, email FROM customer WHERE customer_id = ?',
                  { Slice => {} }, $rows[2][0]);
          }));
    check('COUNT(*) and COUNT(email) over both shards', [['12', '11']],
          step('COUNT', sub {
              $dbh->selectall_arrayref(
                  'SELECT COUNT(*), COUNT(email) FROM customer WHERE customer_id BETWEEN ? AND ?',
                  undef, $base, $base + 99);
          }));

    my $update = step('UPDATE', sub {
        $dbh->do('UPDATE customer SET email = ? WHERE customer_id = ?', undef,
                 'updated@example.com', $rows[4][0]);
    });
    check('UPDATE with placeholders: 1 row', 1, $update);
    check('UPDATE visible', [[$rows[4][0], 'updated@example.com']],
          customers_between($dbh, $rows[4][0], $rows[4][0]));
    return \@rows;
}

sub check_types {
    my ($db) = @_;
    step("CREATE TABLE $UNSHARDED.$TYPES_TABLE", sub {
        $db->do(<<"SQL");
CREATE TABLE $TYPES_TABLE (
  id INT NOT NULL PRIMARY KEY,
  dec_val DECIMAL(12,2),
  dec_neg DECIMAL(20,6),
  dt DATETIME(6),
  d DATE,
  neg BIGINT,
  ubig BIGINT UNSIGNED,
  dbl DOUBLE,
  txt VARCHAR(64) CHARACTER SET utf8mb4,
  blb BLOB,
  nul INT
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4
SQL
    });
    print "ok: [$pass] CREATE TABLE $UNSHARDED.$TYPES_TABLE\n";

    my @columns = qw(id dec_val dec_neg dt d neg ubig dbl txt blb nul);
    my @values = (1, '12345.67', '-0.000001', '2024-02-29 23:59:58.123456', '2024-02-29',
                  $INT64_MIN, $UINT64_MAX, -1.5, $UNICODE_TEXT, $BLOB_BYTES, undef);
    my $insert = step('prepare types INSERT', sub {
        $db->prepare("INSERT INTO $TYPES_TABLE (" . join(', ', @columns) . ') VALUES ('
                     . join(', ', ('?') x @columns) . ')');
    });
    step('INSERT every type', sub {
        for my $i (0 .. $#values) {
            $insert->bind_param($i + 1, $values[$i],
                                $columns[$i] eq 'blb' ? SQL_BLOB : undef);
        }
        $insert->execute;
    });
    step('INSERT a row of NULLs', sub {
        $insert->execute(2, (undef) x (@columns - 1));
    });
    step('INSERT a second row', sub {
        for my $i (0 .. $#values) {
            $insert->bind_param($i + 1, undef, $columns[$i] eq 'blb' ? SQL_BLOB : undef);
        }
        my @second = (3, '-9999999999.99', '12345678901234.123456',
                      '1999-12-31 23:59:59.999999', '1000-01-01', -42, 0, 3.25, '', '', 7);
        $insert->execute(@second);
    });
    print "ok: [$pass] INSERT of every type with placeholders\n";

    my ($got, %meta);
    step('select types', sub {
        my $sth = $db->prepare('SELECT ' . join(', ', @columns) . " FROM $TYPES_TABLE ORDER BY id");
        $sth->execute;
        %meta = map { $_ => [@{ $sth->{$_} }] } qw(NAME mariadb_type_name SCALE NULLABLE);
        $got = $sth->fetchall_arrayref;
    });
    check('types: column names', \@columns, $meta{NAME});
    check('types: column types',
          [qw(integer decimal decimal datetime date bigint bigint double varchar blob integer)],
          $meta{mariadb_type_name});
    check('types: DECIMAL and DATETIME(6) scale', [2, 6, 6], [@{ $meta{SCALE} }[1, 2, 3]]);
    check('types: NULLABLE (only the primary key is NOT NULL)',
          [0, (1) x (@columns - 1)], [map { $_ ? 1 : 0 } @{ $meta{NULLABLE} }]);
    check('types: three rows', 3, scalar @$got);
    my @expected = (
        ['1', '12345.67', '-0.000001', '2024-02-29 23:59:58.123456', '2024-02-29',
         $INT64_MIN, $UINT64_MAX, '-1.5', $UNICODE_TEXT, $BLOB_BYTES, undef],
        ['2', (undef) x (@columns - 1)],
        ['3', '-9999999999.99', '12345678901234.123456', '1999-12-31 23:59:59.999999',
         '1000-01-01', '-42', '0', '3.25', '', '', '7'],
    );
    for my $r (0 .. $#expected) {
        for my $c (0 .. $#columns) {
            check("types: row $expected[$r][0] $columns[$c]", $expected[$r][$c], $got->[$r][$c]);
        }
    }
    check('types: unicode text is decoded (length in characters)',
          length($UNICODE_TEXT), length($got->[0][8] // ''));
    check('types: BLOB is bytes (length in bytes)', length($BLOB_BYTES),
          length($got->[0][9] // ''));
    check('types: CHAR_LENGTH and LENGTH of the utf8mb4 text',
          [[length($UNICODE_TEXT), length(Encode::encode('UTF-8', $UNICODE_TEXT))]],
          step('lengths', sub {
              $db->selectall_arrayref("SELECT CHAR_LENGTH(txt), LENGTH(txt) FROM $TYPES_TABLE "
                                      . 'WHERE id = ?', undef, 1);
          }));
    check('types: HEX of the BLOB', [[uc unpack('H*', $BLOB_BYTES)]],
          step('HEX', sub {
              $db->selectall_arrayref("SELECT HEX(blb) FROM $TYPES_TABLE WHERE id = ?",
                                      undef, 1);
          }));
    my %by = (dec_val => '12345.67', dt => '2024-02-29 23:59:58.123456',
              ubig => $UINT64_MAX, neg => $INT64_MIN, txt => $UNICODE_TEXT);
    for my $column (sort keys %by) {
        check("types: select by $column placeholder", [['1']],
              step("select by $column", sub {
                  $db->selectall_arrayref("SELECT id FROM $TYPES_TABLE WHERE $column = ?",
                                          undef, $by{$column});
              }));
    }
    check('types: select by BLOB placeholder (SQL_BLOB)', [['1']],
          step('select by BLOB', sub {
              my $sth = $db->prepare("SELECT id FROM $TYPES_TABLE WHERE blb = ?");
              $sth->bind_param(1, $BLOB_BYTES, SQL_BLOB);
              $sth->execute;
              $sth->fetchall_arrayref;
          }));
    check('types: DECIMAL arithmetic stays exact', [['12345.68']],
          step('DECIMAL arithmetic', sub {
              $db->selectall_arrayref("SELECT dec_val + ? FROM $TYPES_TABLE WHERE id = ?",
                                      undef, '0.01', 1);
          }));
    check('types: literals (unsigned max, negative, decimal, NULL)',
          [[$UINT64_MAX, $INT64_MIN, '12345.67', undef]],
          step('literals', sub {
              $db->selectall_arrayref(
                  'SELECT 18446744073709551615, -9223372036854775808, 12345.67, NULL');
          }));
    step("DROP TABLE $TYPES_TABLE", sub { $db->do("DROP TABLE $TYPES_TABLE") });
    print "ok: [$pass] DROP TABLE $UNSHARDED.$TYPES_TABLE\n";
}

sub check_transactions {
    my ($dbh, $observer, $config) = @_;
    my ($low, $high) = ($config->{low}, $config->{high});
    my ($from, $to) = ($config->{base} + 100, $config->{base} + 199);

    my @committed = sort { $a->[0] <=> $b->[0] }
        ([$low->[0], 'tx-low@example.com'], [$high->[0], 'tx-high@example.com']);
    step('begin_work', sub { $dbh->begin_work });
    check('begin_work turns AutoCommit off', 0, $dbh->{AutoCommit} ? 1 : 0);
    for my $row (@committed) {
        step("INSERT $row->[0] in a transaction", sub {
            $dbh->do('INSERT INTO customer (customer_id, email) VALUES (?, ?)', undef, @$row);
        });
    }
    check('transaction: own rows visible inside it', \@committed,
          customers_between($dbh, $from, $to));
    check('transaction: rows invisible to another connection before commit', [],
          customers_between($observer, $from, $to));
    step('commit', sub { $dbh->commit });
    check('commit turns AutoCommit back on', 1, $dbh->{AutoCommit} ? 1 : 0);
    check('transaction over both shards committed: visible to another connection',
          \@committed, customers_between($observer, $from, $to));

    step('begin_work', sub { $dbh->begin_work });
    step('writes to roll back', sub {
        $dbh->do('INSERT INTO customer (customer_id, email) VALUES (?, ?)', undef,
                 $low->[1], 'rb-low@example.com');
        $dbh->do('INSERT INTO customer (customer_id, email) VALUES (?, ?)', undef,
                 $high->[1], 'rb-high@example.com');
        $dbh->do('UPDATE customer SET email = ? WHERE customer_id IN (?, ?)', undef,
                 'changed@example.com', $low->[0], $high->[0]);
    });
    check('rollback: changes visible inside the transaction',
          [sort { $a->[0] <=> $b->[0] }
               [$low->[0], 'changed@example.com'], [$high->[0], 'changed@example.com'],
               [$low->[1], 'rb-low@example.com'], [$high->[1], 'rb-high@example.com']],
          customers_between($dbh, $from, $to));
    step('rollback', sub { $dbh->rollback });
    check('rollback turns AutoCommit back on', 1, $dbh->{AutoCommit} ? 1 : 0);
    check('transaction over both shards rolled back: inserts gone, update undone',
          \@committed, customers_between($dbh, $from, $to));
    check('rollback: another connection sees the committed state only',
          \@committed, customers_between($observer, $from, $to));

    # Autocommit again: a write is visible at once.
    step('autocommit INSERT', sub {
        $dbh->do('INSERT INTO customer (customer_id, email) VALUES (?, ?)', undef,
                 $high->[2], 'auto@example.com');
    });
    check('autocommit write visible to another connection at once',
          [[$high->[2], 'auto@example.com']],
          customers_between($observer, $high->[2], $high->[2]));
}

sub check_duplicate_key {
    my ($dbh, $rows) = @_;
    my $existing = $rows->[2];
    my $ok = eval {
        $dbh->do('INSERT INTO customer (customer_id, email) VALUES (?, ?)', undef,
                 $existing->[0], 'dup@example.com');
        1;
    };
    fail('duplicate key: expected error 1062, the INSERT succeeded') if $ok;
    check('duplicate key: $dbh->err', 1062, $dbh->err);
    check('duplicate key: $dbh->state', '23000', $dbh->state);
    check('duplicate key: errstr names the entry', 1,
          ($dbh->errstr // '') =~ /Duplicate entry/ ? 1 : 0);
    check('duplicate key: original row unchanged', [$existing],
          customers_between($dbh, $existing->[0], $existing->[0]));
    check('duplicate key: connection still usable', [['1']],
          step('SELECT 1', sub { $dbh->selectall_arrayref('SELECT 1') }));
}

sub run_pass {
    my ($name) = @_;
    my $config = $PASSES{$name};
    $pass = $name;
    my $sp = $config->{server_prepare};
    my ($low, $high) = ($config->{base}, $config->{base} + 499);

    my $dbh          = connect_to($SHARDED, $sp);
    my $observer     = connect_to($SHARDED, $sp);
    my $db_unsharded = connect_to($UNSHARDED, $sp);

    check_connection($dbh, $sp);
    cleanup($dbh, $db_unsharded, $low, $high);
    my $rows = check_placeholders($dbh, $config->{base});
    check_types($db_unsharded);
    check_transactions($dbh, $observer, $config);
    check_duplicate_key($dbh, $rows);
    cleanup($dbh, $db_unsharded, $low, $high);

    $_->disconnect for $dbh, $observer, $db_unsharded;
}

# Leftovers of an earlier run anywhere in the id range go first.
$pass = 'setup';
{
    my $dbh = connect_to($SHARDED, 0);
    my $db_unsharded = connect_to($UNSHARDED, 0);
    cleanup($dbh, $db_unsharded, $ID_MIN, $ID_MAX);
    $_->disconnect for $dbh, $db_unsharded;
}
run_pass('client-side placeholders');
run_pass('server-side prepare');
$pass = 'all';
print "dbd-mariadb: ok\n";
exit 0;
