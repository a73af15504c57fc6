#1635127140
kubectl config use-context prod-seoul
#1635127185
billing-ctl list --service billing
#1635127230
for h in bill-01 bill-02; do
  ssh "$h" sudo systemctl status billing
done
#1635127262
billing-ctl remove-capacity --service billing --hosts bill-0[1-4]
#1635127290

#1635127301
billing-ctl list --service billing
